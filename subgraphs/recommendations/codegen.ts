import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#RecommendationsContext',
  mappers: {
    Movie: '../stores/recommendationStore.ts#EntityReference',
    User: '../stores/recommendationStore.ts#EntityReference',
    Recommendation: '../stores/recommendationStore.ts#ScoredMovie',
    Person: '../stores/recommendationStore.ts#EntityReference',
    UserStats: '../stores/analyticsStore.ts#UserRatingStats',
    PersonActivity: '../stores/analyticsStore.ts#PersonShare',
    CatalogueStats: '../stores/recommendationStore.ts#EntityReference',
    ModelVersion: '../stores/analyticsStore.ts#ModelVersionRecord',
    GenreTrend: '../stores/analyticsStore.ts#GenreTrendRow',
    RecommendationUpdate: '../events/notifications.ts#RecommendationsUpdatedEvent',
    HistoryEntry: '../stores/historyStore.ts#HistoryRecord',
  },
  scalars: { DateTime: 'Date' },
});
