import { badUserInput } from '@marquee/errors';

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
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the driver.
  if (body.includes('\u0000')) throw badUserInput('A review cannot contain NUL characters.', 'body');
  if (body.trim().length === 0 || [...body].length > MAX_REVIEW_LENGTH) {
    throw badUserInput(`A review is 1 to ${MAX_REVIEW_LENGTH} characters long and not blank.`, 'body');
  }
  return body;
}

/** Movie ids come from the movies subgraph; keep them to a sane shape and length. */
export function validateMovieId(movieId: string): string {
  if (movieId.length < 1 || movieId.length > 64 || movieId.includes('\u0000')) throw badUserInput('Not a movie id.', 'movieId');
  return movieId;
}
