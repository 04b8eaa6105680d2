import { graphql, readFragment, type FragmentType } from '../__generated__/index.ts';

export const RatingHistogramFields = graphql(`
  fragment RatingHistogramFields on RatingSummary {
    average
    count
    histogram {
      rating
      count
    }
  }
`);

/** How Marquee users rate a film: the mean and a bar per half-star, each bar labelled for screen readers. */
export function RatingHistogram({
  summary,
}: {
  summary: FragmentType<typeof RatingHistogramFields>;
}) {
  const { average, count, histogram } = readFragment(RatingHistogramFields, summary);
  const most = Math.max(1, ...histogram.map((bucket) => bucket.count));
  return (
    <section aria-labelledby="ratings-heading" className="histogram">
      <h2 id="ratings-heading">Ratings</h2>
      <p>
        {average === null || average === undefined
          ? 'Nobody has rated this film yet.'
          : `${average.toFixed(1)} out of 5 from ${count} ${count === 1 ? 'rating' : 'ratings'}`}
      </p>
      <ol className="bars">
        {histogram.map((bucket) => (
          <li key={bucket.rating} aria-label={`${bucket.rating} stars: ${bucket.count}`}>
            <span className="bar-label" aria-hidden="true">
              {bucket.rating}
            </span>
            <span
              className="bar"
              style={{ width: `${(bucket.count / most) * 100}%` }}
              aria-hidden="true"
            />
            <span className="bar-count" aria-hidden="true">
              {bucket.count}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
