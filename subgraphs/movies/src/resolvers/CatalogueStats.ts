import { forbidden } from '@marquee/errors';
import { pageSize, signedIn } from '@marquee/server-kit';
import type { CatalogueStatsResolvers } from '../__generated__/resolvers-types.ts';

/** Operators' statistics: admins only (UNAUTHENTICATED when anonymous, FORBIDDEN otherwise). */
export function requireOperator(identity: Parameters<typeof signedIn>[0]): void {
  if (signedIn(identity).role !== 'ADMIN')
    throw forbidden('Only operators (admins) may read this.');
}

export const CatalogueStats: CatalogueStatsResolvers = {
  // The router asks for it by key only when a field of another subgraph's part was selected
  // beside one of these; the check is the same.
  __resolveReference: (reference, { identity }) => {
    requireOperator(identity);
    return reference.id === 'catalogue' ? { id: 'catalogue' } : null;
  },
  titles: async (_, __, { loaders }) => (await loaders.titleCounts.load('catalogue')).titles,
  byKind: async (_, __, { loaders }) => (await loaders.titleCounts.load('catalogue')).byKind,
  bySource: async (_, __, { loaders }) => (await loaders.titleCounts.load('catalogue')).bySource,
  ingestionRuns: (_, { first }, { stores }) =>
    stores.catalogueStats.ingestionRuns(pageSize(first, 10)),
};
