import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import { serializeSnapshot, snapshotBytes, trainSnapshot, type Interaction, type TrainSnapshotOptions } from '@marquee/recsys';
import type { RecommendationStore, SnapshotRecord } from './stores/recommendationStore.ts';

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
 * Trains on every interaction in the recommender's store, writes the snapshot as the next
 * version and announces it. Returns null when there is nothing to learn from yet.
 */
export async function trainAndPublish(store: RecommendationStore, options: TrainOptions = {}): Promise<TrainResult | null> {
  const loadStarted = performance.now();
  const interactions: Interaction[] = [];
  for await (const page of store.scanInteractions()) {
    for (const row of page) interactions.push({ userId: row.userId, itemId: row.movieId, rating: row.rating, at: row.at });
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  if (interactions.length === 0) {
    options.logger?.info('no interactions yet: nothing to train');
    return null;
  }
  const started = performance.now();
  const { snapshot, stats } = trainSnapshot(interactions, options);
  const trainSeconds = (performance.now() - started) / 1000;
  const data = serializeSnapshot(snapshot);
  const metadata = {
    model: snapshot.kind,
    ...stats,
    loadSeconds,
    trainSeconds,
    bytes: snapshotBytes(snapshot),
    serializedBytes: data.length,
    fencingToken: options.fencingToken ?? null,
  };
  const record = await store.saveSnapshot({ kind: snapshot.kind, metadata, data });
  options.logger?.info({ version: record.version, ...metadata }, 'trained and saved a model snapshot');
  await options.pubsub?.publish(MODEL_PUBLISHED, { version: record.version });
  return { ...record, metadata };
}
