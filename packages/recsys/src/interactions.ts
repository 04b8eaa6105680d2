/** One user's rating of one item at one time: the raw material of every model here. */
export interface Interaction {
  userId: string;
  itemId: string;
  /** 0.5–5 stars (MovieLens and Marquee alike). */
  rating: number;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * Ratings at or above this count as positive (implicit) feedback: ranking models learn "would
 * like", which ranks better than predicting the rating value itself.
 */
export const POSITIVE_THRESHOLD = 3.5;

export const isPositive = (interaction: Interaction, threshold = POSITIVE_THRESHOLD) =>
  interaction.rating >= threshold;
