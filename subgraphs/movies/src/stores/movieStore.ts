import type { Database } from '@marquee/db';

/** A catalogue row as stored; resolvers shape it for the API. */
export interface MovieRecord {
  id: string;
  kind: string;
  title: string;
  originalTitle: string | null;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: string | null;
  movielensId: string | null;
  popularity: number;
}

/** Keyset position in the default order (popularity desc, id asc). */
export interface MovieCursor {
  popularity: number;
  id: string;
}

export interface MoviePage {
  movies: MovieRecord[];
  hasNextPage: boolean;
}

export type MovieInput = Omit<MovieRecord, 'popularity'> & { popularity?: number };

export interface MovieStore {
  findByIds(ids: readonly string[]): Promise<MovieRecord[]>;
  page(first: number, after: MovieCursor | undefined): Promise<MoviePage>;
  count(): Promise<number>;
  upsertMany(movies: readonly MovieInput[]): Promise<void>;
}

const select = {
  id: true,
  kind: true,
  title: true,
  originalTitle: true,
  year: true,
  runtimeMinutes: true,
  genres: true,
  imdbId: true,
  tmdbId: true,
  movielensId: true,
  popularity: true,
} as const;

export function createMovieStore(db: Database): MovieStore {
  const { prisma } = db;
  return {
    findByIds: (ids) => prisma.movie.findMany({ where: { id: { in: [...ids] } }, select }),
    async page(first, after) {
      const rows = await prisma.movie.findMany({
        select,
        where:
          after === undefined
            ? {}
            : {
                OR: [
                  { popularity: { lt: after.popularity } },
                  { popularity: after.popularity, id: { gt: after.id } },
                ],
              },
        orderBy: [{ popularity: 'desc' }, { id: 'asc' }],
        take: first + 1,
      });
      return { movies: rows.slice(0, first), hasNextPage: rows.length > first };
    },
    count: () => prisma.movie.count(),
    async upsertMany(movies) {
      await prisma.$transaction(
        movies.map(({ id, ...data }) =>
          prisma.movie.upsert({ where: { id }, create: { id, ...data }, update: data }),
        ),
      );
    },
  };
}
