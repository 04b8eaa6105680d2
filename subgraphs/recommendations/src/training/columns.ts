import { Worker } from 'node:worker_threads';
import type { SnapshotKind, TrainedSnapshot, TrainSnapshotOptions } from '@marquee/recsys';

/** Interactions as dense columns: ~20 bytes each instead of an object with two strings. */
export interface InteractionColumns {
  count: number;
  users: string[];
  items: string[];
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  /** Epoch milliseconds. */
  at: Float64Array;
}

export interface TrainWorkerResult {
  kind: SnapshotKind;
  data: Uint8Array;
  stats: TrainedSnapshot['stats'];
  trainSeconds: number;
  bytes: number;
}

/** Appends interactions into growing columns, interning user and item ids. */
export function createColumnBuilder() {
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  let capacity = 1024;
  let count = 0;
  let user = new Int32Array(capacity);
  let item = new Int32Array(capacity);
  let rating = new Float32Array(capacity);
  let at = new Float64Array(capacity);
  const intern = (map: Map<string, number>, id: string) => {
    let index = map.get(id);
    if (index === undefined) {
      index = map.size;
      map.set(id, index);
    }
    return index;
  };
  return {
    push(row: { userId: string; movieId: string; rating: number; at: number }) {
      if (count === capacity) {
        capacity *= 2;
        const grow = <T extends Int32Array | Float32Array | Float64Array>(old: T, next: T) => {
          next.set(old);
          return next;
        };
        user = grow(user, new Int32Array(capacity));
        item = grow(item, new Int32Array(capacity));
        rating = grow(rating, new Float32Array(capacity));
        at = grow(at, new Float64Array(capacity));
      }
      user[count] = intern(userIndex, row.userId);
      item[count] = intern(itemIndex, row.movieId);
      rating[count] = row.rating;
      at[count] = row.at;
      count += 1;
    },
    build(): InteractionColumns {
      return {
        count,
        users: [...userIndex.keys()],
        items: [...itemIndex.keys()],
        user: user.slice(0, count),
        item: item.slice(0, count),
        rating: rating.slice(0, count),
        at: at.slice(0, count),
      };
    },
  };
}

/** Trains in a worker thread, so serving goes on meanwhile; the columns are transferred. */
export function trainInWorker(
  columns: InteractionColumns,
  options: TrainSnapshotOptions,
): Promise<TrainWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { columns, options },
      // Built by `slice`, so each column owns a plain ArrayBuffer.
      transferList: [
        columns.user.buffer,
        columns.item.buffer,
        columns.rating.buffer,
        columns.at.buffer,
      ] as ArrayBuffer[],
    });
    worker.once('message', (result: TrainWorkerResult) => {
      resolve({ ...result, data: new Uint8Array(result.data) });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the training worker exited with code ${code}`));
    });
  });
}
