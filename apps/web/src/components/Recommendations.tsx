import { graphql, readFragment, type FragmentType } from '../__generated__/index.ts';
import { MovieCard } from './MovieCard.tsx';

export const RecommendationFields = graphql(`
  fragment RecommendationFields on Recommendation {
    score
    reason
    movie {
      id
      ...MovieCardFields
    }
  }
`);

/** Recommended films with their reasons ("Because you liked Alien"). */
export function RecommendationGrid({
  recommendations,
  label,
}: {
  recommendations: readonly FragmentType<typeof RecommendationFields>[];
  label: string;
}) {
  const items = recommendations.map((item) => readFragment(RecommendationFields, item));
  return (
    <ul className="grid" aria-label={label}>
      {items.map((item) =>
        item.movie === null || item.movie === undefined ? null : (
          <MovieCard key={item.movie.id} movie={item.movie} note={item.reason} />
        ),
      )}
    </ul>
  );
}
