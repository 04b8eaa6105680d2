import type { Identity } from '@marquee/auth';
import { forbidden, notFound } from '@marquee/errors';
import { isStorableId, signedIn } from '@marquee/server-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { ReviewsStores } from '../types.ts';
import { scoreSentiment } from '../sentiment.ts';
import type { ReviewRecord } from '../stores/reviewStore.ts';
import { validateMovieId, validateRating, validateReviewBody } from '../validation.ts';

/** Authors change their own reviews; admins may moderate any. */
async function ownReview(
  stores: ReviewsStores,
  identity: Identity,
  id: string,
): Promise<ReviewRecord> {
  const [review] = isStorableId(id) ? await stores.reviews.findByIds([id]) : [];
  if (review === undefined) throw notFound('There is no review with that id.');
  if (review.userId !== identity.userId && identity.role !== 'ADMIN')
    throw forbidden('This is not your review.');
  return review;
}

export const Mutation: MutationResolvers = {
  rateMovie: async (_root, { movieId, rating }, { identity, stores, services }) => {
    const { userId } = signedIn(identity);
    const film = validateMovieId(movieId);
    const score = validateRating(rating);
    await services.movies.require(film);
    // The store writes the rating and its `rating.changed` event in one transaction.
    return stores.ratings.upsert({ userId, movieId: film, rating: score });
  },
  writeReview: async (_root, { movieId, rating, body }, { identity, stores, services }) => {
    const { userId } = signedIn(identity);
    const text = validateReviewBody(body);
    const sentiment = scoreSentiment(text);
    const film = validateMovieId(movieId);
    const score = validateRating(rating);
    await services.movies.require(film);
    return stores.reviews.upsert({
      userId,
      movieId: film,
      rating: score,
      body: text,
      sentimentScore: sentiment.score,
      sentimentLabel: sentiment.label,
    });
  },
  editReview: async (_root, { id, rating, body }, { identity, stores }) => {
    const review = await ownReview(stores, signedIn(identity), id);
    const text = body === null || body === undefined ? undefined : validateReviewBody(body);
    const newRating = rating === null || rating === undefined ? undefined : validateRating(rating);
    const sentiment = text === undefined ? undefined : scoreSentiment(text);
    const saved = await stores.reviews.update(review.id, {
      ...(newRating === undefined ? {} : { rating: newRating }),
      ...(text === undefined || sentiment === undefined
        ? {}
        : { body: text, sentimentScore: sentiment.score, sentimentLabel: sentiment.label }),
    });
    if (saved === null) throw notFound('There is no review with that id.');
    return saved;
  },
  deleteReview: async (_root, { id }, { identity, stores }) => {
    const review = await ownReview(stores, signedIn(identity), id);
    if (!(await stores.reviews.delete(review.id)))
      throw notFound('There is no review with that id.');
    return review.id;
  },
  deleteRating: async (_root, { movieId }, { identity, stores }) => {
    const { userId } = signedIn(identity);
    // No catalogue check: a rating of a film the catalogue has since lost can still be removed.
    const film = validateMovieId(movieId);
    return stores.ratings.delete(userId, film);
  },
};
