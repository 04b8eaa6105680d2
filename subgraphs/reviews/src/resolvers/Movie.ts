import { badUserInput } from '@marquee/errors';
import { connection, cursorValue, decodeCursor, encodeCursor, pageSize } from '@marquee/server-kit';
import type { MovieResolvers } from '../__generated__/resolvers-types.ts';
import type { ReviewOrder, ReviewPosition, ReviewRecord } from '../stores/reviewStore.ts';

interface ReviewCursor {
  o: ReviewOrder;
  u: string;
  i: string;
  r?: number;
}

const isReviewCursor = (
  position: Record<string, unknown>,
): position is ReviewCursor & Record<string, unknown> => {
  const { o, u, i, r } = position;
  return (
    (o === 'NEWEST' || o === 'RATING') &&
    cursorValue.timestamp(u) &&
    cursorValue.id(i) &&
    (r === undefined || cursorValue.number(r))
  );
};

const cursorOf = (orderBy: ReviewOrder) => (review: ReviewRecord) =>
  encodeCursor({
    o: orderBy,
    u: review.updatedAt.toISOString(),
    i: review.id,
    ...(orderBy === 'RATING' ? { r: review.rating } : {}),
  });

export const Movie: MovieResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ratingSummary: async (movie, _args, { loaders }) => {
    const summary = await loaders.summary.load(movie.id);
    return {
      ...summary,
      average: summary.average === null ? null : Math.round(summary.average * 100) / 100,
    };
  },
  reviews: async (movie, { first, after, orderBy }, { loaders }) => {
    const order: ReviewOrder = orderBy ?? 'NEWEST';
    const limit = pageSize(first, 10);
    const cursor = decodeCursor(after, isReviewCursor);
    if (cursor !== undefined && cursor.o !== order)
      throw badUserInput('"after" belongs to another order.', 'after');
    const position: ReviewPosition | undefined =
      cursor === undefined
        ? undefined
        : {
            updatedAt: cursor.u,
            id: cursor.i,
            ...(cursor.r === undefined ? {} : { rating: cursor.r }),
          };
    const rows = await loaders.reviewPage.load({
      movieId: movie.id,
      orderBy: order,
      limit: limit + 1,
      after: position,
    });
    return connection(
      rows.slice(0, limit),
      rows.length > limit,
      cursorOf(order),
      cursor !== undefined,
    );
  },
};
