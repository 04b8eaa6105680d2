import type { Logger } from '@marquee/logger';
import { metrics, processService } from '@marquee/telemetry';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import type { TrainSnapshotOptions } from '@marquee/recsys';
import { createColumnBuilder, trainInWorker } from './columns.ts';
import type { RecommendationStore, SnapshotRecord } from '../stores/recommendationStore.ts';

export interface TrainOptions extends TrainSnapshotOptions {
  /** Written into the snapshot's metadata: which lock holder produced it. */
  fencingToken?: number;
  pubsub?: PubSub<MarqueeTopics>;
  logger?: Logger;
}

export interface TrainResult extends SnapshotRecord {
  metadata: {
    model: string;
    users: number;
    items: number;
    interactions: number;
    positives: number;
    loadSeconds: number;
    trainSeconds: number;
    bytes: number;
    serializedBytes: number;
    fencingToken: number | null;
  };
}

/** Topic on which a new snapshot is announced, so every replica reloads at once. */
export const MODEL_PUBLISHED = 'recommendations.modelPublished';

/**
 * Trains on every interaction in the recommender's store (in a worker thread), writes the snapshot
 * as the next version and announces it. Returns null when there is nothing to learn from yet.
 */
export async function trainAndPublish(
  store: RecommendationStore,
  options: TrainOptions = {},
): Promise<TrainResult | null> {
  const runs = metrics().trainingRuns;
  const service = processService();
  try {
    const result = await train(store, options);
    runs.inc({
      service,
      model: result?.metadata.model ?? 'none',
      outcome: result ? 'ok' : 'skipped',
    });
    return result;
  } catch (error) {
    runs.inc({ service, model: 'unknown', outcome: 'failed' });
    throw error;
  }
}

async function train(
  store: RecommendationStore,
  options: TrainOptions,
): Promise<TrainResult | null> {
  const loadStarted = performance.now();
  const builder = createColumnBuilder();
  for await (const page of store.scanInteractions()) for (const row of page) builder.push(row);
  const columns = builder.build();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  if (columns.count === 0) {
    options.logger?.info('no interactions yet: nothing to train');
    return null;
  }
  const { fencingToken, pubsub, logger, ...trainOptions } = options;
  const trained = await trainInWorker(columns, trainOptions);
  const metadata = {
    model: trained.kind,
    ...trained.stats,
    loadSeconds,
    trainSeconds: trained.trainSeconds,
    bytes: trained.bytes,
    serializedBytes: trained.data.length,
    fencingToken: fencingToken ?? null,
  };
  const record = await store.saveSnapshot({ kind: trained.kind, metadata, data: trained.data });
  logger?.info({ version: record.version, ...metadata }, 'trained and saved a model snapshot');
  await pubsub?.publish(MODEL_PUBLISHED, { version: record.version });
  return { ...record, metadata };
}
