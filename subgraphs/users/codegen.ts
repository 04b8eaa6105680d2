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
        contextType: '../context.ts#UsersContext',
        scalars: { DateTime: 'Date' },
        mappers: {
          User: '../stores/userStore.ts#UserRecord',
          MovieList: '../stores/personalStore.ts#ListRecord',
          Preferences: '../stores/personalStore.ts#PreferencesRecord',
          Movie: '../stores/personalStore.ts#MovieReference',
          WatchlistEdge: '../stores/personalStore.ts#WatchlistEdgeModel',
        },
      },
    },
  },
};

export default config;
