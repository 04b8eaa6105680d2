import { randomUUID } from 'node:crypto';
import type { Identity } from '@marquee/auth';
import { forbidden, notFound } from '@marquee/errors';
import { isStorableId, signedIn } from '@marquee/server-kit';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { ReviewsServices, ReviewsStores } from '../types.ts';
import { scoreSentiment } from '../sentiment.ts';
import type { ReviewRecord } from '../stores/reviewStore.ts';
import { validateMovieId, validateRating, validateReviewBody } from '../validation.ts';

/** Every rating change reaches the recommendations subgraph as a `rating.changed` event. */
const publishRating = (
  services: ReviewsServices,
  change: { userId: string; movieId: string; rating: number | null; at: Date },
) =>
  services.events.publish('rating.changed', {
    eventId: randomUUID(),
    userId: change.userId,
    movieId: change.movieId,
    rating: change.rating,
    at: change.at.toISOString(),
  });

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
    const saved = await stores.ratings.upsert({ userId, movieId: film, rating: score });
    await publishRating(services, { ...saved, at: saved.updatedAt });
    return saved;
  },
  writeReview: async (_root, { movieId, rating, body }, { identity, stores, services }) => {
    const { userId } = signedIn(identity);
    const text = validateReviewBody(body);
    const sentiment = scoreSentiment(text);
    const film = validateMovieId(movieId);
    const score = validateRating(rating);
    await services.movies.require(film);
    const saved = await stores.reviews.upsert({
      userId,
      movieId: film,
      rating: score,
      body: text,
      sentimentScore: sentiment.score,
      sentimentLabel: sentiment.label,
    });
    await publishRating(services, { ...saved, at: saved.updatedAt });
    return saved;
  },
  editReview: async (_root, { id, rating, body }, { identity, stores, services }) => {
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
    if (newRating !== undefined) await publishRating(services, { ...saved, at: saved.updatedAt });
    return saved;
  },
  deleteReview: async (_root, { id }, { identity, stores }) => {
    const review = await ownReview(stores, signedIn(identity), id);
    if (!(await stores.reviews.delete(review.id)))
      throw notFound('There is no review with that id.');
    return review.id;
  },
  deleteRating: async (_root, { movieId }, { identity, stores, services }) => {
    const { userId } = signedIn(identity);
    // No catalogue check: a rating of a film the catalogue has since lost can still be removed.
    const film = validateMovieId(movieId);
    const removed = await stores.ratings.delete(userId, film);
    if (removed)
      await publishRating(services, { userId, movieId: film, rating: null, at: new Date() });
    return removed;
  },
};
