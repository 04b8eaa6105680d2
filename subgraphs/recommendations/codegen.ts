import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#RecommendationsContext',
  mappers: {
    Movie: '../stores/recommendationStore.ts#EntityReference',
    User: '../stores/recommendationStore.ts#EntityReference',
    Recommendation: '../stores/recommendationStore.ts#ScoredMovie',
    RecommendationUpdate: '../events/notifications.ts#RecommendationsUpdatedEvent',
    HistoryEntry: '../stores/historyStore.ts#HistoryRecord',
  },
  scalars: { DateTime: 'Date' },
});
