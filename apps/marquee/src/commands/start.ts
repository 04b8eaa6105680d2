import { resolve } from 'node:path';
import { assertDataDirFree } from '@marquee/db/lock';
import { loadEnv, subgraphNames } from '@marquee/env';
import { createLogger } from '@marquee/logger';
import type { RunningService } from '../runtime/services.ts';
import { runUntilSignalled } from '../runtime/shutdown.ts';
import { checkAllPortsFree, checkBackends } from '../runtime/startupChecks.ts';

/** Everything in one process: the five subgraphs on their ports and the router in front. */
export async function startCommand(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ name: 'marquee', level: env.LOG_LEVEL });
  const started = Date.now();
  await runUntilSignalled(
    { logger, graceSeconds: env.SHUTDOWN_GRACE_SECONDS },
    async (lifecycle) => {
      // A second server on the same data directory is told so (not that its ports are taken).
      if (env.DATABASE_URL === undefined) await assertDataDirFree(resolve(env.MARQUEE_DATA_DIR));
      // Before the stores open (seconds on PGlite): a taken port stops the start at once.
      await checkAllPortsFree(env);
      await checkBackends(env);
      // Loaded after the checks, so that a wrong setting is reported before seconds of imports.
      const { openStores } = await import('../runtime/stores.ts');
      const { seedIfEmpty } = await import('../runtime/seed.ts');
      const { serveRouter, serveSubgraph } = await import('../runtime/services.ts');
      const stores = await openStores(env, {
        command: 'marquee start',
        exclusive: true,
        migrate: true,
        logger,
      });
      lifecycle.defer(() => stores.close());
      logger.info({ backends: stores.backends, dataDir: env.MARQUEE_DATA_DIR }, 'stores open');
      if (env.MARQUEE_SEED_DEMO) {
        const seeded = await seedIfEmpty(stores);
        if (seeded !== undefined) logger.info(seeded, 'seeded the demo catalogue');
      }
      const subgraphs: RunningService[] = [];
      // Registered before the router, so stopped after it: the router's requests in flight still
      // reach them while it drains. They stop together; none serves the others.
      lifecycle.defer((graceMs) => Promise.all(subgraphs.map((service) => service.stop(graceMs))));
      for (const name of subgraphNames)
        subgraphs.push(await serveSubgraph(name, stores, env, logger));
      const router = await serveRouter(stores, env, logger);
      lifecycle.defer((graceMs) => router.stop(graceMs));
      logger.info(
        {
          url: router.url,
          subgraphs: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
          ms: Date.now() - started,
        },
        `Marquee is up: open ${router.url} to explore it`,
      );
    },
  );
}
