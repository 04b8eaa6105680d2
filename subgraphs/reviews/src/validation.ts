import { badUserInput } from '@marquee/errors';
import { requireId, requireText } from '@marquee/server-kit';

/** Ratings are 0.5 to 5 stars in half-star steps. */
export function validateRating(rating: number): number {
  if (!Number.isFinite(rating) || rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2)) {
    throw badUserInput('A rating is 0.5 to 5 in steps of 0.5.', 'rating');
  }
  return rating;
}

export const MAX_REVIEW_LENGTH = 10_000;

/** Review bodies are stored as written: 1 to 10,000 characters, not blank. */
export function validateReviewBody(body: string): string {
  const message = `A review is 1 to ${MAX_REVIEW_LENGTH} characters long and not blank.`;
  requireText(body, 'body', { max: MAX_REVIEW_LENGTH, message });
  if (body.trim().length === 0) throw badUserInput(message, 'body');
  return body;
}

/** Movie ids come from the movies subgraph; keep them to a sane shape and length. */
export function validateMovieId(movieId: string): string {
  return requireId(movieId, 'movieId', 'Not a movie id.');
}
