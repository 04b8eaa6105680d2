import { generateTokenKeyPair, TokenService } from '@marquee/auth';
import { createLogger } from '@marquee/logger';
import { createHttpHandler, listen } from '@marquee/server-kit';
import {
  createRouter,
  readSupergraph,
  subgraphNames,
  type Router,
  type RouterOptions,
} from '../src/server.ts';

export interface RouterOverHttp {
  router: Router;
  /** The router's /graphql. */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * A router served over HTTP on a free port, its subgraphs unreachable: enough for requests that
 * use only `__typename` or stop before execution.
 */
export async function routerOverHttp(
  options: Partial<RouterOptions> = {},
  subgraphUrl = 'http://127.0.0.1:9/graphql',
): Promise<RouterOverHttp> {
  const logger = createLogger({ name: 'test', level: 'silent' });
  const router = createRouter({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl])),
    tokens: await TokenService.fromKeys(await generateTokenKeyPair()),
    identitySecret: 'i'.repeat(32),
    logger,
    production: false,
    ...options,
  });
  await router.server.start();
  const http = await listen(
    createHttpHandler({
      server: router.server,
      createContext: router.createContext,
      health: () => router.health(),
      logger,
    }),
    0,
    '127.0.0.1',
  );
  return {
    router,
    endpoint: `${http.url}/graphql`,
    async close() {
      await http.close();
      await router.server.stop();
      router.close();
    },
  };
}

export interface GraphQLAnswer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function postJson(
  endpoint: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer['body'] };
}

export const persistedExtension = (sha256Hash: string) => ({
  persistedQuery: { version: 1, sha256Hash },
});
