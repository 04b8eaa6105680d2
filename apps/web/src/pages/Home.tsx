import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import type { MovieOrderField } from '../__generated__/graphql.ts';
import { MovieCard } from '../components/MovieCard.tsx';

const HomeQuery = graphql(`
  query Home($first: Int!, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {
    genres {
      name
      movieCount
    }
    movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...MovieCardFields
        }
      }
    }
  }
`);

const PAGE = 24;
/** Typing pauses this long before the search runs, so a word costs one request, not one per key. */
const SEARCH_DELAY_MS = 250;

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Browse and search the catalogue: typo-tolerant search as you type, genre, years and order. */
export function Home() {
  const ids = useId();
  const [text, setText] = useState('');
  const [genre, setGenre] = useState('');
  const [yearFrom, setYearFrom] = useState('');
  const [yearTo, setYearTo] = useState('');
  const [order, setOrder] = useState<'RELEVANCE' | MovieOrderField>('RELEVANCE');
  const [after, setAfter] = useState<string[]>([]);
  const search = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const filter = {
    ...(search === '' ? {} : { text: search }),
    ...(genre === '' ? {} : { genres: [genre] }),
    ...(/^\d{4}$/.test(yearFrom) ? { yearFrom: Number(yearFrom) } : {}),
    ...(/^\d{4}$/.test(yearTo) ? { yearTo: Number(yearTo) } : {}),
  };
  const filterKey = JSON.stringify([filter, order]);
  useEffect(() => setAfter([]), [filterKey]);
  const [{ data, fetching, error }] = useQuery({
    query: HomeQuery,
    variables: {
      first: PAGE,
      after: after.at(-1) ?? null,
      filter,
      orderBy:
        order === 'RELEVANCE'
          ? null
          : { field: order, direction: order === 'TITLE' ? 'ASC' : 'DESC' },
    },
  });
  const movies = data?.movies;
  return (
    <>
      <h1>{search === '' ? 'Browse the catalogue' : `Results for “${search}”`}</h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field grow">
          <label htmlFor={`${ids}-q`}>Search titles</label>
          <input
            id={`${ids}-q`}
            type="search"
            value={text}
            placeholder="Try “godfater”"
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-genre`}>Genre</label>
          <select
            id={`${ids}-genre`}
            value={genre}
            onChange={(event) => setGenre(event.target.value)}
          >
            <option value="">Any genre</option>
            {data?.genres.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name} ({item.movieCount})
              </option>
            ))}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={`${ids}-from`}>From year</label>
          <input
            id={`${ids}-from`}
            inputMode="numeric"
            pattern="\d{4}"
            value={yearFrom}
            onChange={(event) => setYearFrom(event.target.value)}
          />
        </div>
        <div className="field narrow">
          <label htmlFor={`${ids}-to`}>To year</label>
          <input
            id={`${ids}-to`}
            inputMode="numeric"
            pattern="\d{4}"
            value={yearTo}
            onChange={(event) => setYearTo(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-order`}>Order</label>
          <select
            id={`${ids}-order`}
            value={order}
            onChange={(event) => setOrder(event.target.value as typeof order)}
          >
            <option value="RELEVANCE">{search === '' ? 'Most popular' : 'Best match'}</option>
            <option value="RATING">Highest rated</option>
            <option value="YEAR">Newest</option>
            <option value="TITLE">Title</option>
          </select>
        </div>
      </form>
      <p className="status" role="status" aria-live="polite">
        {error
          ? `Could not load films: ${error.graphQLErrors[0]?.message ?? error.message}`
          : movies === undefined
            ? 'Loading…'
            : `${movies.totalCount} ${movies.totalCount === 1 ? 'film' : 'films'}${fetching ? ' (updating…)' : ''}`}
      </p>
      <ul className="grid" aria-label="Films" aria-busy={fetching}>
        {movies?.edges.map(({ node }) => (
          <MovieCard key={node.id} movie={node} />
        ))}
      </ul>
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          disabled={after.length === 0}
          onClick={() => setAfter(after.slice(0, -1))}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={!movies?.pageInfo.hasNextPage}
          onClick={() =>
            movies?.pageInfo.endCursor && setAfter([...after, movies.pageInfo.endCursor])
          }
        >
          Next
        </button>
      </nav>
    </>
  );
}
