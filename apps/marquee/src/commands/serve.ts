import { loadEnv, subgraphNames, subgraphPort, subgraphUrlVariable } from '@marquee/env';
import { createLogger } from '@marquee/logger';
import { runUntilSignalled } from '../runtime/shutdown.ts';
import { checkBackends, checkPortFree } from '../runtime/startupChecks.ts';
import type { ServiceName } from './arguments.ts';

/** One service per process (services mode: docker-compose, scaled deployments, e2e tests). */
export async function serveCommand(name: ServiceName): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ name: `marquee-${name}`, level: env.LOG_LEVEL });
  await runUntilSignalled(
    { logger, graceSeconds: env.SHUTDOWN_GRACE_SECONDS },
    async (lifecycle) => {
      if (name === 'router') {
        await checkPortFree(env.ROUTER_PORT, env.MARQUEE_HOST, 'ROUTER_PORT');
        // The router holds no data: it needs the token public key and the identity secret, and
        // Redis for rate limits, revocations and subscription slots.
        await checkBackends(env, ['REDIS_URL']);
        // Loaded after the checks, so that a wrong setting is reported before seconds of imports.
        const { loadSecrets, openEdgeStores } = await import('../runtime/stores.ts');
        const { serveRouter } = await import('../runtime/services.ts');
        const edge = openEdgeStores(env);
        lifecycle.defer(() => edge.close());
        const router = await serveRouter(
          { ...(await loadSecrets(env, { signs: false })), ...edge },
          env,
          logger,
        );
        lifecycle.defer((graceMs) => router.stop(graceMs));
        logger.info({ url: router.url }, 'router listening');
        return;
      }
      const subgraph = subgraphNames.find((candidate) => candidate === name);
      if (subgraph === undefined) throw new Error(`unknown service ${name}`);
      await checkPortFree(
        subgraphPort(env, subgraph),
        env.MARQUEE_HOST,
        subgraphUrlVariable(subgraph),
      );
      await checkBackends(env);
      const { openStores } = await import('../runtime/stores.ts');
      const { serveSubgraph } = await import('../runtime/services.ts');
      const stores = await openStores(env, {
        command: `marquee serve ${subgraph}`,
        signs: subgraph === 'users',
        logger,
      });
      lifecycle.defer(() => stores.close());
      const service = await serveSubgraph(subgraph, stores, env, logger);
      lifecycle.defer((graceMs) => service.stop(graceMs));
      logger.info({ url: service.url, backends: stores.backends }, `${name} subgraph listening`);
    },
  );
}
