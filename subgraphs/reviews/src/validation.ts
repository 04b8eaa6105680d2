import { badUserInput } from '@marquee/errors';

/** Ratings are 0.5 to 5 stars in half-star steps. */
export function validateRating(rating: number): number {
  if (!Number.isFinite(rating) || rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2)) {
    throw badUserInput('A rating is 0.5 to 5 in steps of 0.5.', 'rating');
  }
  return rating;
}
