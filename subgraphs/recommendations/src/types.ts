import type { NotificationHub } from './events/notifications.ts';
import type { RecommendationEngine } from './serving/engine.ts';
import type { RecommendationStore } from './stores/recommendationStore.ts';

export interface RecommendationsStores {
  recommendations: RecommendationStore;
  /** In-memory model and catalogue with the shared top-N cache. */
  engine: RecommendationEngine;
  /** This replica's live `recommendationsUpdated` streams. */
  notifications: NotificationHub;
}
