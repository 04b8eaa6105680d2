import { useMemo } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { lastTwelveMonths, yearInFilmsSpec } from '@marquee/charts/specs';
import { graphql } from '../__generated__/index.ts';
import { useAuth } from '../auth.tsx';
import { Chart } from '../components/Chart.tsx';

const AccountQuery = graphql(`
  query AccountPage {
    me {
      id
      displayName
      stats {
        ratings
        averageRating
        communityAverageRating
        ratingsByMonth {
          month
          ratings
          averageRating
        }
        favouriteGenres(first: 5) {
          genre
          ratings
          averageRating
        }
        peopleMostWatched(first: 5) {
          films
          person {
            id
            name
          }
        }
      }
    }
  }
`);

/** The signed-in user's year in films: ratings per month, favourite genres, people most watched. */
export function AccountPage() {
  const { session } = useAuth();
  const [{ data, error }] = useQuery({
    query: AccountQuery,
    requestPolicy: 'cache-and-network',
    pause: session === null,
  });
  const stats = data?.me?.stats;
  const spec = useMemo(() => {
    if (stats === null || stats === undefined) return null;
    return yearInFilmsSpec(
      lastTwelveMonths(stats.ratingsByMonth),
      'Your year in films: ratings per month',
    );
  }, [stats]);
  if (session === null)
    return (
      <p>
        <Link href="/login">Log in</Link> to see your year in films.
      </p>
    );
  if (error) return <p role="alert">Could not load your statistics: {error.message}</p>;
  if (stats === null || stats === undefined) return <p role="status">Loading…</p>;
  const average = (value?: number | null) =>
    value === null || value === undefined ? '–' : value.toFixed(2);
  return (
    <article>
      <h1>{data?.me?.displayName}’s year in films</h1>
      <p>
        {stats.ratings} ratings; your average {average(stats.averageRating)}, everyone’s on the same
        films {average(stats.communityAverageRating)}.
      </p>
      <Chart spec={spec} label="Your ratings per month over the last twelve months" />
      <h2>Favourite genres</h2>
      <ol aria-label="Favourite genres">
        {stats.favouriteGenres.map((genre) => (
          <li key={genre.genre}>
            {genre.genre}: {genre.ratings} films, average {genre.averageRating.toFixed(1)}
          </li>
        ))}
      </ol>
      <h2>People you watched most</h2>
      <ol aria-label="People you watched most">
        {stats.peopleMostWatched.map((share) =>
          share.person === null || share.person === undefined ? null : (
            <li key={share.person.id}>
              <Link href={`/people/${share.person.id}`}>{share.person.name}</Link>: {share.films}{' '}
              films
            </li>
          ),
        )}
      </ol>
    </article>
  );
}
