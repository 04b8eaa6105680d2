import { loadEnv, subgraphNames } from '@marquee/env';
import { createLogger } from '@marquee/logger';
import { serveRouter, serveSubgraph, type RunningService } from '../runtime/services.ts';
import { seedIfEmpty } from '../runtime/seed.ts';
import { openStores } from '../runtime/stores.ts';
import { onShutdown } from '../runtime/shutdown.ts';

/** Everything in one process: the five subgraphs on their ports and the router in front. */
export async function startCommand(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ name: 'marquee', level: env.LOG_LEVEL });
  const started = Date.now();
  const stores = await openStores(env, { migrate: true, logger });
  logger.info({ backends: stores.backends, dataDir: env.MARQUEE_DATA_DIR }, 'stores open');
  if (env.MARQUEE_SEED_DEMO) {
    const seeded = await seedIfEmpty(stores);
    if (seeded !== undefined) logger.info(seeded, 'seeded the demo catalogue');
  }
  const running: RunningService[] = [];
  onShutdown(logger, async () => {
    for (const service of running.reverse()) await service.stop();
    await stores.close();
  });
  for (const name of subgraphNames) running.push(await serveSubgraph(name, stores, env, logger));
  const router = await serveRouter(stores, env, logger);
  running.push(router);
  logger.info(
    { url: router.url, subgraphs: Object.fromEntries(running.slice(0, -1).map((s) => [s.name, s.url])), ms: Date.now() - started },
    `Marquee is up: open ${router.url} to explore it`,
  );
}
