import type { ReviewResolvers } from '../__generated__/resolvers-types.ts';

export const Review: ReviewResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.review.load(reference.id),
  movie: (review) => ({ id: review.movieId }),
  author: (review) => ({ id: review.userId }),
  sentiment: (review) => ({ score: review.sentimentScore, label: review.sentimentLabel }),
};
