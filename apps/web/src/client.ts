import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { apiUrl, wsUrl } from './config.ts';

/**
 * One urql client per session: HTTP for queries and mutations (POST with a JSON body, which
 * passes the router's CSRF prevention), graphql-ws for subscriptions with the token sent in
 * `connection_init`. `token()` is read on every request, so a refreshed token is used at once.
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
      return current === undefined ? {} : { headers: { authorization: `Bearer ${current}` } };
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            // urql's sink takes graphql-js results; graphql-ws hands it their JSON form, which
            // differs only in that `data` may be absent.
            unsubscribe: ws.subscribe(
              { ...request, query: request.query ?? '' },
              sink as unknown as Parameters<typeof ws.subscribe>[1],
            ),
          }),
        }),
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
