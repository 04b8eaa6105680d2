import { InvalidArgumentError } from 'commander';
import { loadEnv, subgraphNames } from '@marquee/env';
import { createLogger } from '@marquee/logger';
import { serveRouter, serveSubgraph, serviceNames, type ServiceName } from '../runtime/services.ts';
import { loadSecrets, openEdgeStores, openStores } from '../runtime/stores.ts';
import { onShutdown } from '../runtime/shutdown.ts';

export function parseServiceName(value: string): ServiceName {
  if (!(serviceNames as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${serviceNames.join(', ')}`);
  }
  return value as ServiceName;
}

/** One service per process (services mode: docker-compose, scaled deployments, e2e tests). */
export async function serveCommand(name: ServiceName): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ name: `marquee-${name}`, level: env.LOG_LEVEL });
  if (name === 'router') {
    // The router holds no data: it needs the token public key and the identity secret only.
    const edge = openEdgeStores(env);
    const router = await serveRouter({ ...(await loadSecrets(env, { signs: false })), ...edge }, env, logger);
    onShutdown(logger, async () => {
      await router.stop();
      await edge.close();
    });
    logger.info({ url: router.url }, 'router listening');
    return;
  }
  const subgraph = subgraphNames.find((candidate) => candidate === name);
  if (subgraph === undefined) throw new Error(`unknown service ${name}`);
  const stores = await openStores(env, { signs: subgraph === 'users', logger });
  const service = await serveSubgraph(subgraph, stores, env, logger);
  onShutdown(logger, async () => {
    await service.stop();
    await stores.close();
  });
  logger.info({ url: service.url, backends: stores.backends }, `${name} subgraph listening`);
}
