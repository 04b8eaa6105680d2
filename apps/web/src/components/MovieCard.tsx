import { Link } from 'wouter';
import { graphql, readFragment, type FragmentType } from '../__generated__/index.ts';
import { Poster } from './Poster.tsx';

export const MovieCardFields = graphql(`
  fragment MovieCardFields on Movie {
    id
    title
    year
    genres
    posterUrl
  }
`);

/** One film in a grid: poster, title and year, linking to its page. */
export function MovieCard({
  movie,
  note,
}: {
  movie: FragmentType<typeof MovieCardFields>;
  note?: string;
}) {
  const film = readFragment(MovieCardFields, movie);
  return (
    <li className="card">
      <Link href={`/movies/${film.id}`} className="card-link">
        <Poster title={film.title} url={film.posterUrl} />
        <span className="card-title">{film.title}</span>
        <span className="card-meta">
          {film.year ?? 'Year unknown'}
          {film.genres.length > 0 ? ` · ${film.genres.slice(0, 2).join(', ')}` : ''}
        </span>
      </Link>
      {note === undefined ? null : <span className="card-note">{note}</span>}
    </li>
  );
}
