import { useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import { MovieCard } from '../components/MovieCard.tsx';

const PersonQuery = graphql(`
  query PersonPage($id: ID!) {
    person(id: $id) {
      id
      name
      birthYear
      deathYear
      professions
      credits(first: 50) {
        totalCount
        edges {
          node {
            id
            role
            characters
            movie {
              id
              ...MovieCardFields
            }
          }
        }
      }
    }
  }
`);

const lifespan = (born?: number | null, died?: number | null) =>
  born ? (died ? `${born}–${died}` : `born ${born}`) : died ? `died ${died}` : null;

export function PersonPage({ id }: { id: string }) {
  const [{ data, error }] = useQuery({ query: PersonQuery, variables: { id } });
  if (error) return <p role="alert">Could not load this person: {error.message}</p>;
  if (data === undefined) return <p role="status">Loading…</p>;
  const person = data.person;
  if (person === null || person === undefined) return <h1>No person with this id</h1>;
  return (
    <article>
      <h1>{person.name}</h1>
      <p className="muted">
        {[person.professions.join(', '), lifespan(person.birthYear, person.deathYear)]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <h2>Credits ({person.credits.totalCount})</h2>
      <ul className="grid" aria-label="Credits">
        {person.credits.edges.map(({ node }) =>
          node.movie ? (
            <MovieCard
              key={node.id}
              movie={node.movie}
              note={
                node.characters.length > 0
                  ? `as ${node.characters.join(', ')}`
                  : node.role.toLowerCase()
              }
            />
          ) : null,
        )}
      </ul>
    </article>
  );
}
