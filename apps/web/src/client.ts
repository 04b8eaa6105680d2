import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient } from 'graphql-ws';
import { apiUrl, wsUrl } from './config.ts';
import { persistedHash } from './persistedHash.ts';

/**
 * One urql client per session: HTTP for queries and mutations, graphql-ws for subscriptions with
 * the token sent in `connection_init`. `token()` is read on every request, so a refreshed token is
 * used at once.
 *
 * Every operation is sent as a persisted query: its codegen hash, never its text, which the router
 * finds in the manifest it loads (apps/web/src/__generated__/persisted-documents.json). So the app
 * works unchanged whatever PERSISTED_QUERIES is: with `safelist` the hash is all the router runs;
 * with `apq` the manifest is pre-registered; with `off` the router answers
 * PERSISTED_QUERY_NOT_SUPPORTED and the exchange sends the text from then on. Queries go by GET
 * (when the URL stays short), which HTTP caches can keep; `apollo-require-preflight` is the header
 * the router's CSRF prevention asks of a GET.
 */
export function createApiClient(token: () => string | undefined): {
  client: Client;
  dispose: () => void;
} {
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    connectionParams: () => {
      const current = token();
      return current === undefined ? {} : { authorization: `Bearer ${current}` };
    },
    // 4401 (expired token) included: connectionParams sends the refreshed one on reconnect.
    shouldRetry: () => true,
    retryAttempts: 10,
  });
  const client = new Client({
    url: apiUrl,
    preferGetMethod: false,
    fetchOptions: () => {
      const current = token();
      return {
        headers: {
          'apollo-require-preflight': 'true',
          ...(current === undefined ? {} : { authorization: `Bearer ${current}` }),
        },
      };
    },
    exchanges: [
      cacheExchange,
      persistedExchange({
        enableForMutation: true,
        preferGetForPersistedQueries: 'within-url-limit',
        generateHash: (_query, document) => Promise.resolve(persistedHash(document)),
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request, operation) => {
          const hash = persistedHash(operation.query);
          const payload = {
            ...request,
            query: request.query ?? '',
            ...(hash === undefined
              ? {}
              : {
                  extensions: {
                    ...request.extensions,
                    persistedQuery: { version: 1, sha256Hash: hash },
                  },
                }),
          };
          return {
            subscribe: (sink) => ({
              // urql's sink takes graphql-js results; graphql-ws hands it their JSON form, which
              // differs only in that `data` may be absent.
              unsubscribe: ws.subscribe(
                payload,
                sink as unknown as Parameters<typeof ws.subscribe>[1],
              ),
            }),
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
