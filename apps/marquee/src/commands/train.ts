import type { Command } from 'commander';
import { loadEnv } from '@marquee/env';
import { createLogger } from '@marquee/logger';

/** Lock lifetime for a manual run: long enough for the largest catalogue this machine trains. */
const LOCK_TTL_MS = 60 * 60_000;

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(
      'Train the recommendation model on every rating the recommendations store holds and publish it as a new snapshot version (running services load it within seconds).',
    )
    .option('--json', 'print the snapshot metadata as JSON', false)
    .action(async (options: { json: boolean }) => {
      const env = loadEnv();
      const logger = createLogger({
        name: 'marquee-train',
        level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
      });
      // Loaded when the command runs: the stores and the recommender take seconds to import.
      const { openStores } = await import('@marquee/server-kit/stores');
      const { createRecommendationStore } = await import('@marquee/recommendations/import');
      const { openTrainingLock, trainAndPublish } =
        await import('@marquee/recommendations/training');
      const stores = await openStores(env, {
        command: 'marquee train',
        migrate: true,
        signs: false,
        logger,
      });
      // The same lock as scheduled runs: a manual run never overlaps one.
      const lock = openTrainingLock(stores.redis, env.REDIS_PREFIX);
      try {
        const token = await lock.acquire(LOCK_TTL_MS);
        if (token === undefined) {
          console.error('Another training run holds the lock; try again when it finishes.');
          process.exitCode = 1;
          return;
        }
        try {
          const result = await trainAndPublish(createRecommendationStore(stores.db), {
            fencingToken: token,
            pubsub: stores.pubsub,
            logger,
          });
          if (result === null) {
            console.log(
              'No ratings yet: nothing to train (recommendations fall back to popularity).',
            );
          } else if (options.json) {
            console.log(
              JSON.stringify(
                { version: result.version, createdAt: result.createdAt, ...result.metadata },
                null,
                2,
              ),
            );
          } else {
            const m = result.metadata;
            console.log(
              `Trained ${m.model} on ${m.interactions} ratings (${m.positives} positive) from ${m.users} users over ${m.items} films ` +
                `in ${m.trainSeconds.toFixed(2)} s (loading ${m.loadSeconds.toFixed(2)} s); ` +
                `snapshot version ${result.version}, ${(m.serializedBytes / 2 ** 20).toFixed(1)} MiB.`,
            );
          }
        } finally {
          await lock.release(token);
        }
      } finally {
        await stores.close();
      }
    });
}
