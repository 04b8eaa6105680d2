import { resolve } from 'node:path';
import { assertDataDirFree } from '@marquee/db/lock';
import { loadEnv, type Env } from '@marquee/env';
import { UserError } from '@marquee/errors/user';
import { createLogger, type Logger } from '@marquee/logger';
import { collectProcessMetrics } from '@marquee/telemetry';
import { checkPortFree } from '../listen.ts';
import { setAccessLogSampleRate } from '../operationObserver.ts';
import { servicePort, type ServiceDefinition } from './servable.ts';
import type { RunningService } from './services.ts';
import { runUntilSignalled } from './shutdown.ts';
import { checkBackends } from './startupChecks.ts';
import type { Stores } from './stores.ts';

export interface ServeOptions {
  /** What this process runs, named in the embedded lock file and logs; `marquee serve <name>` for one service. */
  command?: string;
  /**
   * The process owns the embedded data directory alone (a second server on it is told so) and
   * applies pending migrations: `marquee start`.
   */
  owner?: boolean;
  /** Runs once the stores are open, before any service listens (seeding the demo catalogue). */
  prepare?: (stores: Stores, env: Env, logger: Logger) => Promise<void>;
}

/**
 * Runs services in this process until SIGTERM or SIGINT, then drains them (see shutdown.ts).
 * One definition is services mode (a workspace's `src/index.ts`, `marquee serve <name>`); all
 * six, the router last, are `marquee start`. Ports are checked and the servers the environment
 * names are reached before anything opens, so a wrong setting stops the start within seconds
 * with one line naming it. Rejects when the start fails, after closing what it opened.
 */
export async function serve(
  services: readonly ServiceDefinition[],
  options: ServeOptions = {},
): Promise<void> {
  const env = loadEnv();
  const alone = services.length === 1 ? services[0] : undefined;
  const logger = createLogger({
    name: alone === undefined ? 'marquee' : `marquee-${alone.name}`,
    level: env.LOG_LEVEL,
  });
  const started = Date.now();
  const processName = alone?.name ?? 'marquee';
  setAccessLogSampleRate(env.ACCESS_LOG_SAMPLE_RATE);
  collectProcessMetrics(processName);
  // Before anything loads a database driver: the SDK patches them as they are imported. Unset,
  // the SDK is never imported.
  const stopTracing =
    env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined
      ? undefined
      : await (
          await import('@marquee/telemetry/sdk')
        ).startTracing({
          endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
          protocol: env.OTEL_EXPORTER_OTLP_PROTOCOL,
          serviceName: alone === undefined ? 'marquee' : `marquee-${alone.name}`,
        });
  const subgraphs = services.filter((service) => service.name !== 'router');
  const router = services.find((service) => service.name === 'router');
  await runUntilSignalled(
    { logger, graceSeconds: env.SHUTDOWN_GRACE_SECONDS },
    async (lifecycle) => {
      // Deferred first, so run last: spans of the shutdown itself are still sent.
      if (stopTracing !== undefined) lifecycle.defer(() => stopTracing());
      // A second server on the same data directory is told so (not that its ports are taken).
      if (options.owner === true && env.DATABASE_URL === undefined)
        await assertDataDirFree(resolve(env.MARQUEE_DATA_DIR));
      // Before the stores open (seconds on PGlite): a taken port stops the start at once.
      for (const service of router === undefined ? subgraphs : [router, ...subgraphs]) {
        const { port, setting } = servicePort(env, service.name);
        await checkPortFree(port, env.MARQUEE_HOST, setting);
      }
      // The router holds no data: it needs the token public key and the identity secret, and
      // Redis for rate limits, revocations and subscription slots.
      await checkBackends(env, subgraphs.length === 0 ? ['REDIS_URL'] : undefined);
      // Loaded after the checks, so that a wrong setting is reported before seconds of imports.
      const { loadSecrets, openEdgeStores, openStores } = await import('./stores.ts');
      const { serveService } = await import('./services.ts');

      if (subgraphs.length === 0) {
        if (router === undefined) throw new UserError('serve: no service to run');
        const edge = openEdgeStores(env);
        lifecycle.defer(() => edge.close());
        const secrets = await loadSecrets(env, { signs: false });
        const running = await serveService(router, { ...secrets, ...edge }, env, logger);
        lifecycle.defer((graceMs) => running.stop(graceMs));
        logger.info({ url: running.url }, 'router listening');
        return;
      }

      const stores = await openStores(env, {
        command: options.command ?? `marquee serve ${services.map((s) => s.name).join(' ')}`,
        signs: subgraphs.some((service) => 'signs' in service && service.signs === true),
        logger,
        ...(options.owner === true ? { exclusive: true, migrate: true } : {}),
      });
      lifecycle.defer(() => stores.close());
      if (options.owner === true)
        logger.info({ backends: stores.backends, dataDir: env.MARQUEE_DATA_DIR }, 'stores open');
      await options.prepare?.(stores, env, logger);

      const running: RunningService[] = [];
      // Registered before the router, so stopped after it: the router's requests in flight still
      // reach them while it drains. They stop together; none serves the others.
      lifecycle.defer((graceMs) => Promise.all(running.map((service) => service.stop(graceMs))));
      for (const service of subgraphs)
        running.push(await serveService(service, stores, env, logger));
      if (alone !== undefined) {
        const [service] = running;
        logger.info(
          { url: service?.url, backends: stores.backends },
          `${alone.name} subgraph listening`,
        );
        return;
      }
      if (router === undefined) return;
      const front = await serveService(router, stores, env, logger);
      lifecycle.defer((graceMs) => front.stop(graceMs));
      logger.info(
        {
          url: front.url,
          subgraphs: Object.fromEntries(running.map((s) => [s.name, s.url])),
          ms: Date.now() - started,
        },
        `Marquee is up: open ${new URL('/', front.url).href} for the app, ${new URL('/explorer', front.url).href} to explore the graph`,
      );
    },
  );
}
