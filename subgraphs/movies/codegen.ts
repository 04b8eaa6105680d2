import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#MoviesContext',
  mappers: {
    Movie: '../stores/movieStore.ts#MovieRecord',
    MovieConnection: '../resolvers/MovieConnection.ts#MovieConnectionModel',
  },
});
