import { useMemo } from 'react';
import { useQuery } from 'urql';
import { careerSpec } from '@marquee/charts/specs';
import { graphql } from '../__generated__/index.ts';
import { Chart } from '../components/Chart.tsx';
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
              title
              year
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
  const person = data?.person;
  const career = useMemo(
    () =>
      person === null || person === undefined
        ? null
        : careerSpec(
            person.credits.edges.flatMap(({ node }) =>
              node.movie
                ? [{ title: node.movie.title, year: node.movie.year ?? null, role: node.role }]
                : [],
            ),
            person.name,
          ),
    [person],
  );
  if (error) return <p role="alert">Could not load this person: {error.message}</p>;
  if (data === undefined) return <p role="status">Loading…</p>;
  if (person === null || person === undefined) return <h1>No person with this id</h1>;
  return (
    <article>
      <h1>{person.name}</h1>
      <p className="muted">
        {[person.professions.join(', '), lifespan(person.birthYear, person.deathYear)]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <h2>Career</h2>
      <Chart spec={career} label={`${person.name}: films per year by role`} />
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
