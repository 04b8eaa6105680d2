import {
  createMemoryCache,
  createMemoryLockStore,
  type Cache,
  type LockStore,
} from '@marquee/cache';
import type { Database } from '@marquee/db';
import type { Logger } from '@marquee/logger';
import type { EventStream, MarqueeTopics, PubSub } from '@marquee/pubsub';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { observeStoredFigures } from '@marquee/telemetry';
import { createRecommendationEngine } from './serving/engine.ts';
import { consumeAccountDeletions } from './events/accounts.ts';
import { consumeArrivals, relayArrivals } from './events/arrivals.ts';
import { consumeRatingEvents } from './events/ratings.ts';
import { createUpdatePublisher } from './events/updates.ts';
import { createLoaders } from './loaders.ts';
import { createNotificationHub } from './events/notifications.ts';
import { resolvers } from './resolvers/index.ts';
import { createHistoryStore } from './stores/historyStore.ts';
import { createRecommendationStore } from './stores/recommendationStore.ts';
import { createAnalyticsStore } from './stores/analyticsStore.ts';
import { newestNdcgByModel } from './stores/offlineMetrics.ts';
import {
  MODEL_PUBLISHED,
  scheduleTraining,
  trainAndPublish,
  type TrainingLock,
} from './training/index.ts';
import { typeDefs } from './typeDefs.ts';

export interface RecommendationsDependencies {
  db: Database;
  pubsub: PubSub<MarqueeTopics>;
  /** Durable events: ratings from reviews, account deletions from users, arrivals from ingestion (Redis streams in services mode). */
  stream: EventStream<MarqueeTopics>;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
  /** Shared top-N cache (Redis in services mode); an in-process cache when omitted. */
  cache?: Cache;
  /**
   * Claims on events and per-user recompute locks, shared by every replica (Redis in services
   * mode), so each event is handled once; in-process when omitted.
   */
  locks?: LockStore;
  /** Scheduled training: each replica tries `lock` every `intervalMs` (off when omitted or 0). */
  training?: { lock: TrainingLock; intervalMs: number };
  /** How often to check for a newer model snapshot or catalogue (backstop for missed announcements). */
  reloadIntervalMs?: number;
}

/** Builds the recommendations subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createRecommendationsSubgraph(deps: RecommendationsDependencies) {
  const recommendations = createRecommendationStore(deps.db);
  const cache = deps.cache ?? createMemoryCache();
  const locks = deps.locks ?? createMemoryLockStore();
  const engine = createRecommendationEngine({
    store: recommendations,
    cache,
    logger: deps.logger,
  });
  const publisher = createUpdatePublisher(deps.pubsub);
  const notifications = createNotificationHub(deps.pubsub, deps.logger);
  const refresh = () =>
    engine
      .refresh()
      .catch((error: unknown) =>
        deps.logger.error({ err: error }, 'failed to reload the model or catalogue'),
      );
  return defineSubgraph({
    name: 'recommendations',
    typeDefs,
    resolvers,
    stores: {
      recommendations,
      history: createHistoryStore(deps.db),
      analytics: createAnalyticsStore(deps.db.sql),
    },
    services: { engine, notifications },
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checks: {
      postgresql: {
        run: () => deps.db.sql.query('SELECT 1').then(() => undefined),
        required: true,
      },
    },
    health: deps.health,
    healthDetails: () => ({
      modelVersion: engine.modelVersion(),
      subscriptions: notifications.streamCount(),
    }),
    async start() {
      // Serve the newest snapshot from the first request: a restart never waits for training.
      await engine.refresh();
      const stops: (() => Promise<void>)[] = [];
      // `marquee evaluate --record` stores evaluations with the snapshots and exits: this
      // service exports them.
      const unobserve = observeStoredFigures('modelNdcgAt10', 'recommendations', async () =>
        (await newestNdcgByModel(deps.db.sql)).map((row) => ({
          labels: { model: row.model },
          value: row.ndcgAt10,
        })),
      );
      stops.push(() => {
        unobserve();
        return Promise.resolve();
      });
      stops.push(await notifications.start());
      stops.push(
        await consumeRatingEvents(
          deps.stream,
          recommendations,
          engine,
          publisher,
          deps.logger,
          locks,
        ),
      );
      stops.push(await relayArrivals(deps.stream, deps.pubsub, engine, deps.logger));
      stops.push(
        await consumeArrivals(deps.pubsub, engine, publisher, notifications, deps.logger, locks),
      );
      stops.push(await consumeAccountDeletions(deps.stream, recommendations, deps.logger));
      stops.push(await deps.pubsub.subscribe(MODEL_PUBLISHED, () => void refresh()));
      const poll = setInterval(() => void refresh(), deps.reloadIntervalMs ?? 30_000);
      poll.unref();
      stops.push(() => {
        clearInterval(poll);
        return Promise.resolve();
      });
      if (deps.training !== undefined && deps.training.intervalMs > 0) {
        stops.push(
          scheduleTraining({
            lock: deps.training.lock,
            intervalMs: deps.training.intervalMs,
            // No snapshot yet (a fresh deployment): train now rather than in an interval.
            runNow: engine.modelVersion() === 0,
            logger: deps.logger,
            train: (fencingToken) =>
              trainAndPublish(recommendations, {
                fencingToken,
                pubsub: deps.pubsub,
                logger: deps.logger,
              }),
          }),
        );
      }
      return async () => {
        for (const stop of stops.reverse()) await stop();
      };
    },
  });
}
