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
        contextType: '../context.ts#RecommendationsContext',
        mappers: {
          Movie: '../stores/recommendationStore.ts#EntityReference',
          User: '../stores/recommendationStore.ts#EntityReference',
          Recommendation: '../stores/recommendationStore.ts#ScoredMovie',
        },
      },
    },
  },
};

export default config;
