import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.ts#PeopleContext',
        mappers: {
          Person: '../stores/peopleStore.ts#PersonRecord',
          Credit: '../stores/peopleStore.ts#CreditRecord',
          Movie: '../stores/peopleStore.ts#MovieReference',
          PersonConnection: '../resolvers/PersonConnection.ts#PersonConnectionModel',
        },
      },
    },
  },
};

export default config;
