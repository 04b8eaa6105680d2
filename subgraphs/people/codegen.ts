import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#PeopleContext',
  mappers: {
    Person: '../stores/peopleStore.ts#PersonRecord',
    Credit: '../stores/peopleStore.ts#CreditRecord',
    Movie: '../stores/peopleStore.ts#MovieReference',
    PersonTrend: '../stores/risingStore.ts#PersonGain',
    FilmTrend: '../stores/risingStore.ts#FilmGain',
    PersonConnection: '../resolvers/PersonConnection.ts#PersonConnectionModel',
  },
});
