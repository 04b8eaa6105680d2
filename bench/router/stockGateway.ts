/**
 * Stock `@apollo/gateway` on `@apollo/server` with their defaults, over the benchmark's
 * supergraph: `startStandaloneServer`, no plugins. The only addition is `buildService`, a
 * `RemoteGraphQLDataSource` whose `willSendRequest` adds the headers Marquee's subgraphs require
 * (competitorHeaders.ts) to every subgraph fetch.
 *
 *   node bench/router/stockGateway.ts <supergraph file> <port>
 */
import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { signingFromEnv, subgraphHeaders } from './competitorHeaders.ts';

interface Context {
  signedIn: boolean;
}

const [supergraphFile, port] = process.argv.slice(2);
const signing = signingFromEnv();
const gateway = new ApolloGateway({
  supergraphSdl: await readFile(supergraphFile ?? '', 'utf8'),
  buildService: ({ url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override willSendRequest({
        request,
        context,
      }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
        const headers = subgraphHeaders(signing, request.query ?? '', context.signedIn === true);
        for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
      }
    })({ url: url ?? '' }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(port), host: '127.0.0.1' },
  context: ({ req }) => Promise.resolve({ signedIn: req.headers.authorization !== undefined }),
});
process.stdout.write(`listening ${url}\n`);
