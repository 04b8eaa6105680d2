import { connection, cursorValue, decodeCursor, encodeCursor, pageSize } from '@marquee/server-kit';
import type { UserResolvers } from '../__generated__/resolvers-types.ts';
import { assertMayReadPrivate, listVisible } from '../access.ts';

interface WatchlistCursor {
  a: string;
  m: string;
}
const isWatchlistCursor = (
  position: Record<string, unknown>,
): position is WatchlistCursor & Record<string, unknown> =>
  cursorValue.timestamp(position['a']) && cursorValue.id(position['m']);

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.user.load(reference.id),
  watchlist: async (user, { first, after }, { identity, loaders }) => {
    assertMayReadPrivate(identity, user.id);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, isWatchlistCursor);
    const entries = await loaders.watchlist.load({
      userId: user.id,
      limit: limit + 1,
      after: cursor === undefined ? undefined : { addedAt: new Date(cursor.a), movieId: cursor.m },
    });
    const page = connection(
      entries.slice(0, limit),
      entries.length > limit,
      (entry) => encodeCursor({ a: entry.addedAt.toISOString(), m: entry.movieId }),
      cursor !== undefined,
    );
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ node, cursor: edgeCursor }) => ({
        cursor: edgeCursor,
        addedAt: node.addedAt,
        node: { id: node.movieId },
      })),
    };
  },
  lists: async (user, _args, { identity, loaders }) =>
    (await loaders.listsByOwner.load(user.id)).filter((list) => listVisible(identity, list)),
  preferences: async (user, _args, { identity, loaders }) => {
    assertMayReadPrivate(identity, user.id);
    return (await loaders.preferences.load(user.id)) ?? { userId: user.id, favouriteGenres: [] };
  },
};
