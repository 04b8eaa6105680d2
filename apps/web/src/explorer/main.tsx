import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { apiUrl, wsUrl } from '../config.ts';

/**
 * GraphiQL bundled from npm, so exploring works with no internet: schema docs, history, a headers
 * editor (put `{"Authorization": "Bearer <token>"}` there) and subscriptions over graphql-ws,
 * which authenticates once in `connection_init` with the same header.
 */
const headers = () => {
  try {
    const stored = window.localStorage.getItem('graphiql:headers');
    return stored === null ? {} : (JSON.parse(stored) as Record<string, string>);
  } catch {
    return {};
  }
};
const authorization = () => {
  const found = Object.entries(headers()).find(([key]) => key.toLowerCase() === 'authorization');
  return found?.[1];
};

const fetcher = createGraphiQLFetcher({
  url: apiUrl,
  wsClient: createClient({
    url: wsUrl,
    lazy: true,
    connectionParams: () => {
      const token = authorization();
      return token === undefined ? {} : { authorization: token };
    },
  }),
});

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
