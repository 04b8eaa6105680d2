import { forbidden } from '@marquee/errors';
import {
  connection,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  signedIn,
} from '@marquee/server-kit';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import type { HistoryKind } from '../stores/historyStore.ts';

interface HistoryCursor {
  a: string;
  k: HistoryKind;
  m: string;
}
const HISTORY_KINDS: ReadonlySet<unknown> = new Set([
  'VIEWED',
  'TRAILER_PLAYED',
  'WATCHED',
  'RATED',
]);
const isHistoryCursor = (
  position: Record<string, unknown>,
): position is HistoryCursor & Record<string, unknown> =>
  cursorValue.timestamp(position['a']) &&
  HISTORY_KINDS.has(position['k']) &&
  cursorValue.id(position['m']);

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // A user's recommendations reveal their taste: only they (or an admin) may read them.
  recommendations: async (user, { first }, { identity, loaders }) => {
    const caller = signedIn(identity);
    if (caller.userId !== user.id && caller.role !== 'ADMIN') throw forbidden();
    return (await loaders.forUser.load(user.id)).slice(0, pageSize(first, 10));
  },
  // The same rule: statistics of a user's ratings are as private as the ratings' taste.
  stats: (user, _, { identity, loaders }) => {
    const caller = signedIn(identity);
    if (caller.userId !== user.id && caller.role !== 'ADMIN') throw forbidden();
    return loaders.userStats.load(user.id);
  },
  // What someone viewed, played and watched is theirs alone: unlike the watchlist, not even an
  // admin reads it.
  history: async (user, { first, after }, { identity, stores }) => {
    const caller = signedIn(identity);
    if (caller.userId !== user.id) throw forbidden('Only its owner can see this.');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, isHistoryCursor);
    const entries = await stores.history.historyOf(
      user.id,
      limit + 1,
      cursor === undefined
        ? undefined
        : { at: new Date(cursor.a), kind: cursor.k, movieId: cursor.m },
    );
    return connection(
      entries.slice(0, limit),
      entries.length > limit,
      (entry) => encodeCursor({ a: entry.at.toISOString(), k: entry.kind, m: entry.movieId }),
      cursor !== undefined,
    );
  },
};
