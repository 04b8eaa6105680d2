import type { Env } from '@marquee/env';
import type { Logger } from '@marquee/logger';
import { createHttpHandler } from '../http.ts';
import { listen, type DrainResult, type Listening } from '../listen.ts';
import {
  servicePort,
  type EdgeStores,
  type ServiceDefinition,
  type ServiceName,
} from './servable.ts';
import type { Stores } from './stores.ts';

export interface RunningService {
  name: ServiceName;
  url: string;
  /** True once `stop` began: no new connections are accepted and `/health` answers 503. */
  readonly draining: boolean;
  /**
   * Drains, then stops: stops accepting connections, closes WebSockets with 1001 (going away),
   * lets HTTP requests in flight finish for up to `graceMs` (0 cuts them at once), then stops
   * background work and the server.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Builds one service from the process's stores and listens on its port (port 0 picks a free
 * one, for tests). A router definition is given the stores a router needs; a full `Stores`
 * holds them too.
 */
export async function serveService(
  definition: RouterDefinition,
  stores: EdgeStores,
  env: Env,
  logger: Logger,
  port?: number,
): Promise<RunningService>;
export async function serveService(
  definition: ServiceDefinition,
  stores: Stores,
  env: Env,
  logger: Logger,
  port?: number,
): Promise<RunningService>;
export async function serveService(
  definition: ServiceDefinition,
  stores: Stores | EdgeStores,
  env: Env,
  logger: Logger,
  port = servicePort(env, definition.name).port,
): Promise<RunningService> {
  const child = logger.child({ service: definition.name });
  const service =
    definition.name === 'router'
      ? await definition.build(stores, env, child)
      : // The overloads give a subgraph the full stores.
        await definition.build(stores as Stores, env, child);
  await service.server.start();
  const stopBackground = await (service.start ?? (() => Promise.resolve(noop)))();
  let listening: Listening | undefined;
  try {
    const handler = createHttpHandler({
      server: service.server,
      createContext: service.createContext,
      health: service.health,
      draining: () => listening?.draining ?? false,
      logger,
      ...(service.maxBodyBytes === undefined ? {} : { maxBodyBytes: service.maxBodyBytes }),
      metricsToken: env.METRICS_TOKEN,
    });
    listening = await listen(
      service.wrapListener === undefined ? handler : service.wrapListener(handler),
      port,
      env.MARQUEE_HOST,
      { setting: servicePort(env, definition.name).setting },
    );
  } catch (error) {
    await stopBackground();
    await service.server.stop();
    service.close?.();
    throw error;
  }
  const http = listening;
  const closeSockets = service.serveSockets?.(http.server);
  return {
    name: definition.name,
    url: `${http.url}/graphql`,
    get draining() {
      return http.draining;
    },
    async stop(graceMs = 0) {
      const [drained] = await Promise.all([http.drain(graceMs), closeSockets?.()]);
      reportCut(service.logger, drained);
      await stopBackground();
      await service.server.stop();
      service.close?.();
    },
  };
}

type RouterDefinition = Extract<ServiceDefinition, { name: 'router' }>;

const noop = () => Promise.resolve();

function reportCut(logger: Logger, drained: DrainResult): void {
  if (drained.cutRequests > 0) {
    logger.warn(
      { requests: drained.cutRequests },
      'requests still running when the shutdown grace period ended were cut (SHUTDOWN_GRACE_SECONDS)',
    );
  }
}
