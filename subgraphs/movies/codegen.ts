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
        contextType: '../context.ts#MoviesContext',
        mappers: {
          Movie: '../stores/movieStore.ts#MovieRecord',
          MovieConnection: '../resolvers/MovieConnection.ts#MovieConnectionModel',
        },
      },
    },
  },
};

export default config;
