import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import { useAuth } from '../auth.tsx';
import { MovieCard } from '../components/MovieCard.tsx';

const ListsQuery = graphql(`
  query MyLists {
    me {
      id
      watchlist(first: 50) {
        edges {
          addedAt
          node {
            id
            ...MovieCardFields
          }
        }
      }
      lists {
        id
        name
        isPublic
        movies {
          id
          ...MovieCardFields
        }
      }
    }
  }
`);

const CreateListMutation = graphql(`
  mutation CreateList($name: String!, $isPublic: Boolean) {
    createList(name: $name, isPublic: $isPublic) {
      id
    }
  }
`);

const DeleteListMutation = graphql(`
  mutation DeleteList($id: ID!) {
    deleteList(id: $id)
  }
`);

/** The watchlist and the user's lists. */
export function ListsPage() {
  const ids = useId();
  const { session } = useAuth();
  const [{ data, error }, refetch] = useQuery({
    query: ListsQuery,
    requestPolicy: 'cache-and-network',
    pause: session === null,
  });
  const [name, setName] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [, createList] = useMutation(CreateListMutation);
  const [, deleteList] = useMutation(DeleteListMutation);
  if (session === null)
    return (
      <p>
        <Link href="/login">Log in</Link> to keep a watchlist and lists.
      </p>
    );
  if (error) return <p role="alert">Could not load your lists: {error.message}</p>;
  if (data?.me === undefined || data.me === null) return <p role="status">Loading…</p>;
  const me = data.me;
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    await createList({ name: name.trim(), isPublic });
    setName('');
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h1>Your watchlist</h1>
      {me.watchlist?.edges.length ? (
        <ul className="grid" aria-label="Watchlist">
          {me.watchlist.edges.map((edge) =>
            edge.node ? <MovieCard key={edge.node.id} movie={edge.node} /> : null,
          )}
        </ul>
      ) : (
        <p>Nothing yet: add films from their pages.</p>
      )}
      <h2>Your lists</h2>
      <form className="filters" onSubmit={(event) => void create(event)} aria-label="New list">
        <div className="field grow">
          <label htmlFor={`${ids}-name`}>New list name</label>
          <input
            id={`${ids}-name`}
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field checkbox">
          <input
            id={`${ids}-public`}
            type="checkbox"
            checked={isPublic}
            onChange={(event) => setIsPublic(event.target.checked)}
          />
          <label htmlFor={`${ids}-public`}>Public</label>
        </div>
        <button type="submit">Create list</button>
      </form>
      {(me.lists ?? []).map((list) => (
        <section key={list.id} aria-label={list.name} className="list">
          <h3>
            {list.name} <span className="muted">({list.isPublic ? 'public' : 'private'})</span>
          </h3>
          <button
            type="button"
            onClick={() =>
              void deleteList({ id: list.id }).then(() =>
                refetch({ requestPolicy: 'network-only' }),
              )
            }
          >
            Delete list
          </button>
          {list.movies.length === 0 ? (
            <p>Empty: add films from their pages.</p>
          ) : (
            <ul className="grid" aria-label={`Films in ${list.name}`}>
              {list.movies.map((movie) =>
                movie ? <MovieCard key={movie.id} movie={movie} /> : null,
              )}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
