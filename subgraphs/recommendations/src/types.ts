import type { NotificationHub } from './events/notifications.ts';
import type { RecommendationEngine } from './serving/engine.ts';
import type { HistoryStore } from './stores/historyStore.ts';
import type { RecommendationStore } from './stores/recommendationStore.ts';
import type { AnalyticsStore } from './stores/analyticsStore.ts';

/** Data access only. */
export interface RecommendationsStores {
  recommendations: RecommendationStore;
  /** Signals beyond ratings and each user's history. */
  history: HistoryStore;
  /** The analytics rollups (docs/analytics.md). */
  analytics: AnalyticsStore;
}

/** What the resolvers call besides the stores. */
export interface RecommendationsServices {
  /** In-memory model and catalogue with the shared top-N cache. */
  engine: RecommendationEngine;
  /** This replica's live `recommendationsUpdated` streams. */
  notifications: NotificationHub;
}
