import { createGraphiQLFetcher, type Fetcher, type FetcherParams } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { apiUrl, wsUrl } from '../config.ts';

/**
 * GraphiQL bundled from npm, so exploring works with no internet: schema docs, history, a headers
 * editor (put `{"Authorization": "Bearer <token>"}` there) and subscriptions over graphql-ws.
 * Each subscription gets a socket of its own that authenticates in `connection_init` with the
 * headers editor's Authorization, as the router expects (docs/subscriptions.md); GraphiQL's own
 * socket fetcher would send no headers there.
 */
const http = createGraphiQLFetcher({ url: apiUrl });

function isSubscription(params: FetcherParams): boolean {
  try {
    const operations = parse(params.query).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    const chosen =
      operations.find((operation) => operation.name?.value === params.operationName) ??
      operations[0];
    return chosen?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false;
  }
}

const fetcher: Fetcher = (params, options) => {
  if (!isSubscription(params)) return http(params, options);
  const authorization = Object.entries(options?.headers ?? {}).find(
    ([key]) => key.toLowerCase() === 'authorization',
  )?.[1] as string | undefined;
  const socket = createClient({
    url: wsUrl,
    connectionParams: authorization === undefined ? {} : { authorization },
    retryAttempts: 0,
  });
  const events = socket.iterate({
    query: params.query,
    ...(params.operationName ? { operationName: params.operationName } : {}),
    ...(params.variables ? { variables: params.variables as Record<string, unknown> } : {}),
  });
  return (async function* () {
    try {
      yield* events;
    } finally {
      await socket.dispose();
    }
  })() as ReturnType<Fetcher>;
};

const defaultQuery = `# Marquee's supergraph. Docs: the book icon; history: the clock.
# Subscriptions need a token: log in below, then put
#   {"Authorization": "Bearer <token>"}
# in Headers (bottom panel) and run RecommendationsUpdated.

query Search {
  movies(first: 5, filter: { text: "godfater" }) {
    edges { node { id title year directors { name } } }
  }
}

mutation LogIn {
  logIn(username: "you", password: "your-password") { token }
}

subscription RecommendationsUpdated {
  recommendationsUpdated { at added { reason movie { title } } }
}
`;

const root = document.getElementById('explorer');
if (root === null) throw new Error('explorer.html lacks #explorer');
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      isHeadersEditorEnabled
      shouldPersistHeaders
    />
  </StrictMode>,
);
