/**
 * Runs in a worker thread: training is seconds to minutes of synchronous work, which must not
 * stall the subgraph's event loop (it serves requests and rating events meanwhile). Receives the
 * interactions as columns (transferred, not copied) and answers with the serialised snapshot.
 * Plain erasable TypeScript: Node 24 strips the types when it loads this file in the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  serializeSnapshot,
  snapshotBytes,
  trainSnapshot,
  type Interaction,
  type TrainSnapshotOptions,
} from '@marquee/recsys';
import type { InteractionColumns, TrainWorkerResult } from './columns.ts';

const { columns, options } = workerData as {
  columns: InteractionColumns;
  options: TrainSnapshotOptions;
};

// A re-iterable view over the columns that reuses one object per step: trainSnapshot keeps none.
const interactions: Iterable<Interaction> = {
  *[Symbol.iterator]() {
    const current: Interaction = { userId: '', itemId: '', rating: 0, at: 0 };
    for (let i = 0; i < columns.count; i += 1) {
      current.userId = columns.users[columns.user[i] ?? 0] ?? '';
      current.itemId = columns.items[columns.item[i] ?? 0] ?? '';
      current.rating = columns.rating[i] ?? 0;
      current.at = columns.at[i] ?? 0;
      yield current;
    }
  },
};

const started = performance.now();
const { snapshot, stats } = trainSnapshot(interactions, options);
const trainSeconds = (performance.now() - started) / 1000;
const data = serializeSnapshot(snapshot);
const result: TrainWorkerResult = {
  kind: snapshot.kind,
  data,
  stats,
  trainSeconds,
  bytes: snapshotBytes(snapshot),
};
parentPort?.postMessage(result, [data.buffer as ArrayBuffer]);
