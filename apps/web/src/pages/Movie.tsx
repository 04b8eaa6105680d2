import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import { useAuth } from '../auth.tsx';
import { MovieCard } from '../components/MovieCard.tsx';
import { Poster } from '../components/Poster.tsx';
import { RatingHistogram } from '../components/RatingHistogram.tsx';
import { Reviews } from '../components/Reviews.tsx';

const MovieQuery = graphql(`
  query MoviePage($id: ID!, $signedIn: Boolean!) {
    movie(id: $id) {
      id
      title
      originalTitle
      year
      runtimeMinutes
      genres
      kind
      overview
      tagline
      posterUrl
      predictedRating @include(if: $signedIn)
      cast(first: 12) {
        id
        characters
        person {
          id
          name
        }
      }
      crew {
        id
        role
        person {
          id
          name
        }
      }
      ratingSummary {
        ...RatingHistogramFields
      }
      reviews(first: 10) {
        edges {
          node {
            id
            ...ReviewFields
          }
        }
      }
      similar(first: 8) {
        id
        ...MovieCardFields
      }
    }
    me @include(if: $signedIn) {
      id
      watchlist(first: 100) {
        edges {
          node {
            id
          }
        }
      }
      lists {
        id
        name
      }
    }
  }
`);

const RateMutation = graphql(`
  mutation RateMovie($movieId: ID!, $rating: Float!) {
    rateMovie(movieId: $movieId, rating: $rating) {
      rating
    }
  }
`);

const ReviewMutation = graphql(`
  mutation WriteReview($movieId: ID!, $rating: Float!, $body: String!) {
    writeReview(movieId: $movieId, rating: $rating, body: $body) {
      id
    }
  }
`);

const AddToWatchlistMutation = graphql(`
  mutation AddToWatchlist($movieId: ID!) {
    addToWatchlist(movieId: $movieId) {
      id
    }
  }
`);

const RemoveFromWatchlistMutation = graphql(`
  mutation RemoveFromWatchlist($movieId: ID!) {
    removeFromWatchlist(movieId: $movieId) {
      id
    }
  }
`);

const AddToListMutation = graphql(`
  mutation AddToList($listId: ID!, $movieId: ID!) {
    addToList(listId: $listId, movieId: $movieId) {
      id
    }
  }
`);

const STARS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
const roleName = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();

export function MoviePage({ id }: { id: string }) {
  const { session } = useAuth();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MovieQuery,
    variables: { id, signedIn: session !== null },
  });
  if (error) return <p role="alert">Could not load this film: {error.message}</p>;
  if (data === undefined) return <p role="status">{fetching ? 'Loading…' : ''}</p>;
  const movie = data.movie;
  if (movie === null || movie === undefined) return <h1>No film with this id</h1>;
  const onWatchlist = data.me?.watchlist?.edges.some((edge) => edge.node?.id === movie.id) ?? false;
  return (
    <article className="movie">
      <div className="movie-head">
        <Poster title={movie.title} url={movie.posterUrl} size="large" />
        <div className="movie-info">
          <h1>
            {movie.title}{' '}
            {movie.year === null || movie.year === undefined ? null : (
              <span className="year">({movie.year})</span>
            )}
          </h1>
          {movie.originalTitle && movie.originalTitle !== movie.title ? (
            <p className="muted">Original title: {movie.originalTitle}</p>
          ) : null}
          <p className="muted">
            {[movie.genres.join(', '), movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : null]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {typeof movie.predictedRating === 'number' ? (
            <p className="predicted">You&rsquo;d rate this {movie.predictedRating.toFixed(1)} ★</p>
          ) : null}
          {movie.tagline ? <p className="tagline">{movie.tagline}</p> : null}
          <p>{movie.overview ?? 'No overview yet.'}</p>
          {session === null ? (
            <p>
              <Link href="/login">Log in</Link> to rate, review and keep this film on your
              watchlist.
            </p>
          ) : (
            <MovieActions
              movieId={movie.id}
              onWatchlist={onWatchlist}
              lists={data.me?.lists ?? []}
              onChange={() => refetch({ requestPolicy: 'network-only' })}
            />
          )}
        </div>
      </div>
      <div className="movie-body">
        <section aria-labelledby="cast-heading">
          <h2 id="cast-heading">Cast</h2>
          <ul className="people">
            {(movie.cast ?? []).map((credit) => (
              <li key={credit.id}>
                <Link href={`/people/${credit.person.id}`}>{credit.person.name}</Link>
                {credit.characters.length > 0 ? (
                  <span className="muted"> as {credit.characters.join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <h2>Crew</h2>
          <ul className="people">
            {(movie.crew ?? []).map((credit) => (
              <li key={credit.id}>
                <Link href={`/people/${credit.person.id}`}>{credit.person.name}</Link>
                <span className="muted"> · {roleName(credit.role)}</span>
              </li>
            ))}
          </ul>
        </section>
        {movie.ratingSummary ? <RatingHistogram summary={movie.ratingSummary} /> : null}
      </div>
      <Reviews reviews={movie.reviews?.edges.map((edge) => edge.node) ?? []} />
      <section aria-labelledby="similar-heading">
        <h2 id="similar-heading">More like this</h2>
        <ul className="grid" aria-label="More like this">
          {(movie.similar ?? []).map((film) => (
            <MovieCard key={film.id} movie={film} />
          ))}
        </ul>
      </section>
    </article>
  );
}

function MovieActions({
  movieId,
  onWatchlist,
  lists,
  onChange,
}: {
  movieId: string;
  onWatchlist: boolean;
  lists: readonly { id: string; name: string }[];
  onChange: () => void;
}) {
  const ids = useId();
  const [rating, setRating] = useState('4');
  const [body, setBody] = useState('');
  const [listId, setListId] = useState('');
  const [message, setMessage] = useState('');
  const [, rate] = useMutation(RateMutation);
  const [, review] = useMutation(ReviewMutation);
  const [, add] = useMutation(AddToWatchlistMutation);
  const [, remove] = useMutation(RemoveFromWatchlistMutation);
  const [, addToList] = useMutation(AddToListMutation);
  const report = (error: { message: string } | undefined, done: string) => {
    setMessage(error ? `Not saved: ${error.message}` : done);
    if (!error) onChange();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(rating);
    const result =
      body.trim() === ''
        ? await rate({ movieId, rating: value })
        : await review({ movieId, rating: value, body: body.trim() });
    report(result.error, body.trim() === '' ? `Rated ${value} / 5.` : 'Review saved.');
    setBody('');
  };
  return (
    <div className="actions">
      <form onSubmit={(event) => void submit(event)} aria-label="Rate and review">
        <div className="field narrow">
          <label htmlFor={`${ids}-rating`}>Your rating</label>
          <select
            id={`${ids}-rating`}
            value={rating}
            onChange={(event) => setRating(event.target.value)}
          >
            {STARS.map((stars) => (
              <option key={stars} value={stars}>
                {stars} / 5
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${ids}-review`}>Review (optional)</label>
          <textarea
            id={`${ids}-review`}
            rows={2}
            value={body}
            maxLength={10_000}
            onChange={(event) => setBody(event.target.value)}
          />
        </div>
        <button type="submit">{body.trim() === '' ? 'Rate' : 'Rate and review'}</button>
      </form>
      <div className="row">
        {onWatchlist ? (
          <button
            type="button"
            onClick={() =>
              void remove({ movieId }).then((r) => report(r.error, 'Removed from your watchlist.'))
            }
          >
            Remove from watchlist
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              void add({ movieId }).then((r) => report(r.error, 'Added to your watchlist.'))
            }
          >
            Add to watchlist
          </button>
        )}
        {lists.length > 0 ? (
          <form
            className="row"
            aria-label="Add to a list"
            onSubmit={(event) => {
              event.preventDefault();
              if (listId !== '')
                void addToList({ listId, movieId }).then((r) =>
                  report(r.error, 'Added to your list.'),
                );
            }}
          >
            <label htmlFor={`${ids}-list`} className="visually-hidden">
              List
            </label>
            <select
              id={`${ids}-list`}
              value={listId}
              onChange={(event) => setListId(event.target.value)}
            >
              <option value="">Choose a list…</option>
              {lists.map((list) => (
                <option key={list.id} value={list.id}>
                  {list.name}
                </option>
              ))}
            </select>
            <button type="submit">Add to list</button>
          </form>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="status">
        {message}
      </p>
    </div>
  );
}
