import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#ReviewsContext',
  scalars: { DateTime: 'Date' },
  mappers: {
    Rating: '../stores/ratingStore.ts#RatingRecord',
    Review: '../stores/reviewStore.ts#ReviewRecord',
    RatingSummary: '../stores/ratingStore.ts#RatingSummaryRecord',
    Movie: '../stores/ratingStore.ts#EntityReference',
    User: '../stores/ratingStore.ts#EntityReference',
  },
});
