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
        contextType: '../context.ts#ReviewsContext',
        scalars: { DateTime: 'Date' },
        mappers: {
          Rating: '../stores/ratingStore.ts#RatingRecord',
          Review: '../stores/reviewStore.ts#ReviewRecord',
          RatingSummary: '../stores/ratingStore.ts#RatingSummaryRecord',
          Movie: '../stores/ratingStore.ts#EntityReference',
          User: '../stores/ratingStore.ts#EntityReference',
        },
      },
    },
  },
};

export default config;
