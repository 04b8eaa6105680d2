import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { genreTrendsSpec } from '@marquee/charts/specs';
import { graphql } from '../__generated__/index.ts';
import { Chart } from '../components/Chart.tsx';

const TrendsQuery = graphql(`
  query GenreTrends($from: Int!, $to: Int!, $year: Int!) {
    yearly: genreTrends(from: $from, to: $to, bucket: YEAR) {
      genre
      year
      titlesReleased
      ratingsGiven
      averageRating
    }
    monthly: genreTrends(from: $year, to: $year, bucket: MONTH) {
      genre
      year
      month
      ratingsGiven
      averageRating
    }
  }
`);

const thisYear = new Date().getUTCFullYear();

/** Genre trends: films released and ratings given per genre over the years, and this year by month. */
export function TrendsPage() {
  const [span, setSpan] = useState(30);
  const [{ data, error }] = useQuery({
    query: TrendsQuery,
    variables: { from: thisYear - span + 1, to: thisYear, year: thisYear },
  });
  const specs = useMemo(
    () =>
      data === undefined
        ? null
        : {
            released: genreTrendsSpec(data.yearly, 'titlesReleased'),
            rated: genreTrendsSpec(data.yearly, 'ratingsGiven'),
            months: genreTrendsSpec(data.monthly, 'ratingsGiven', {
              title: `Ratings given per genre in ${thisYear}`,
            }),
          },
    [data],
  );
  if (error) return <p role="alert">Could not load the trends: {error.message}</p>;
  return (
    <article>
      <h1>Genre trends</h1>
      <label>
        Years{' '}
        <select value={span} onChange={(event) => setSpan(Number(event.target.value))}>
          {[10, 30, 50, 100].map((years) => (
            <option key={years} value={years}>
              last {years}
            </option>
          ))}
        </select>
      </label>
      {specs === null ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <Chart spec={specs.released} label="Films released per genre and year" />
          <Chart spec={specs.rated} label="Ratings given per genre and year" />
          <Chart spec={specs.months} label={`Ratings given per genre and month in ${thisYear}`} />
        </>
      )}
    </article>
  );
}
