import { forbidden } from '@marquee/errors';
import { pageSize, signedIn } from '@marquee/server-kit';
import type { CatalogueStatsResolvers } from '../__generated__/resolvers-types.ts';

export const CatalogueStats: CatalogueStatsResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // Operators' statistics, checked here too: this subgraph owns the model versions.
  modelVersions: (_, { first }, { identity, stores }) => {
    if (signedIn(identity).role !== 'ADMIN')
      throw forbidden('Only operators (admins) may read this.');
    return stores.analytics.modelVersions(pageSize(first, 10));
  },
};
