/**
 * Hive Gateway (`@graphql-hive/gateway`) with its defaults, over the benchmark's supergraph, in
 * one process (its CLI would fork a worker per core; the other gateways get one process too). The
 * only addition is a plugin whose `onFetch` adds the headers Marquee's subgraphs require
 * (competitorHeaders.ts) to every subgraph fetch, from the operation text in the fetch's body.
 *
 *   node bench/router/hiveGateway.ts <supergraph file> <port>
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { signingFromEnv, subgraphHeaders } from './competitorHeaders.ts';

const [supergraphFile, port] = process.argv.slice(2);
const signing = signingFromEnv();
const gateway = createGatewayRuntime({
  supergraph: supergraphFile ?? '',
  logging: 'error',
  plugins: () => [
    {
      onFetch: (payload) => {
        const { options, context } = payload;
        const body = typeof options.body === 'string' ? options.body : '';
        const query = (JSON.parse(body === '' ? '{}' : body) as { query?: string }).query ?? '';
        const signedIn =
          (context as { request?: Request } | undefined)?.request?.headers.has('authorization') ===
          true;
        payload.setOptions({
          ...options,
          headers: {
            ...(options.headers as Record<string, string>),
            ...subgraphHeaders(signing, query, signedIn),
          },
        });
      },
    },
  ],
});
// The runtime is a fetch-style handler that also serves as a node:http request listener.
const server = createServer((request, response) => void gateway(request, response));
server.listen(Number(port), '127.0.0.1', () =>
  process.stdout.write(`listening http://127.0.0.1:${port}/graphql\n`),
);
