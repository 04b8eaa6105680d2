import type { RecommendationResolvers } from '../__generated__/resolvers-types.ts';

export const Recommendation: RecommendationResolvers = {
  movie: (recommendation) => ({ id: recommendation.movieId }),
};
