/**
 * The one registry of subgraphs: their names, in composition order, and the port each listens on
 * by default. The router composes from it and the environment's URL defaults come from it; the
 * router still imports no subgraph, only these names.
 */
export const defaultSubgraphPorts = {
  movies: 4001,
  people: 4002,
  users: 4003,
  reviews: 4004,
  recommendations: 4005,
} as const;

export type SubgraphName = keyof typeof defaultSubgraphPorts;

export const subgraphNames = Object.keys(defaultSubgraphPorts) as readonly SubgraphName[];

/** Where a subgraph answers when nothing overrides it (the embedded default, the composed supergraph). */
export const defaultSubgraphUrl = (name: SubgraphName): string =>
  `http://127.0.0.1:${defaultSubgraphPorts[name]}/graphql`;
