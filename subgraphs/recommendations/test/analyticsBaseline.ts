import type { SqlExecutor } from '@marquee/db';
import type { GenreTrendRow, TrendBucket, UserRatingStats } from '../src/stores/analyticsStore.ts';

/**
 * The analytics fields computed the plain way, scanning `item_feature` and `interaction` at
 * query time: what the tests compare the rollups with and the benchmark's baseline.
 */
export async function plainGenreTrends(
  sql: SqlExecutor,
  from: number,
  to: number,
  bucket: TrendBucket,
): Promise<GenreTrendRow[]> {
  const range = [`${from}-01-01`, `${to + 1}-01-01`];
  if (bucket === 'YEAR') {
    const rows = await sql.query<{
      genre: string;
      year: number;
      titles: string | number | null;
      ratings: string | number | null;
      average: number | null;
    }>(
      `WITH titles AS (
         SELECT genre, year, count(*) AS titles
         FROM recommendations.item_feature CROSS JOIN LATERAL unnest(genres) AS genre
         WHERE year BETWEEN $1 AND $2 GROUP BY 1, 2
       ), ratings AS (
         SELECT genre, extract(year FROM i.at AT TIME ZONE 'UTC')::int AS year, count(*) AS ratings,
                avg(i.rating::float8) AS average
         FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
         CROSS JOIN LATERAL unnest(f.genres) AS genre
         WHERE i.at >= ($3::date)::timestamp AT TIME ZONE 'UTC' AND i.at < ($4::date)::timestamp AT TIME ZONE 'UTC'
         GROUP BY 1, 2
       )
       SELECT genre, year, titles, ratings, average FROM titles FULL JOIN ratings USING (genre, year)
       ORDER BY year, genre`,
      [from, to, ...range],
    );
    return rows.map((row) => ({
      genre: row.genre,
      year: Number(row.year),
      month: null,
      titlesReleased: Number(row.titles ?? 0),
      ratingsGiven: Number(row.ratings ?? 0),
      averageRating: row.average === null ? null : Number(row.average),
    }));
  }
  const rows = await sql.query<{
    genre: string;
    year: number;
    month: number;
    ratings: string | number;
    average: number;
  }>(
    `SELECT genre, extract(year FROM i.at AT TIME ZONE 'UTC')::int AS year,
            extract(month FROM i.at AT TIME ZONE 'UTC')::int AS month, count(*) AS ratings,
            avg(i.rating::float8) AS average
     FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
     CROSS JOIN LATERAL unnest(f.genres) AS genre
     WHERE i.at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND i.at < ($2::date)::timestamp AT TIME ZONE 'UTC'
     GROUP BY 1, 2, 3 ORDER BY 2, 3, 1`,
    range,
  );
  return rows.map((row) => ({
    genre: row.genre,
    year: Number(row.year),
    month: Number(row.month),
    titlesReleased: null,
    ratingsGiven: Number(row.ratings),
    averageRating: Number(row.average),
  }));
}

export async function plainUserStats(sql: SqlExecutor, userId: string): Promise<UserRatingStats> {
  const [total] = await sql.query<{ n: string | number; average: number | null }>(
    'SELECT count(*) AS n, avg(rating::float8) AS average FROM recommendations.interaction WHERE user_id = $1',
    [userId],
  );
  const [community] = await sql.query<{ average: number | null }>(
    `SELECT avg(everyone.rating::float8) AS average FROM recommendations.interaction everyone
     WHERE everyone.movie_id IN (SELECT movie_id FROM recommendations.interaction WHERE user_id = $1)`,
    [userId],
  );
  const byMonth = await sql.query<{ month: string; n: string | number; average: number }>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*) AS n, avg(rating::float8) AS average
     FROM recommendations.interaction WHERE user_id = $1 GROUP BY 1 ORDER BY 1`,
    [userId],
  );
  const genres = await sql.query<{ genre: string; n: string | number; average: number }>(
    `SELECT genre, count(*) AS n, avg(i.rating::float8) AS average
     FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
     CROSS JOIN LATERAL unnest(f.genres) AS genre WHERE i.user_id = $1
     GROUP BY 1 ORDER BY 2 DESC, 3 DESC, genre COLLATE "C"`,
    [userId],
  );
  const people = await sql.query<{ person: string; n: string | number }>(
    `SELECT person, count(*) AS n
     FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
     CROSS JOIN LATERAL unnest(f.people) AS person WHERE i.user_id = $1
     GROUP BY 1 ORDER BY 2 DESC, person COLLATE "C"`,
    [userId],
  );
  return {
    ratings: Number(total?.n ?? 0),
    averageRating: total?.average === null || total === undefined ? null : Number(total.average),
    communityAverageRating:
      community?.average === null || community === undefined ? null : Number(community.average),
    byMonth: byMonth.map((row) => ({
      month: row.month,
      ratings: Number(row.n),
      averageRating: Number(row.average),
    })),
    genres: genres.map((row) => ({
      genre: row.genre,
      ratings: Number(row.n),
      averageRating: Number(row.average),
    })),
    people: people.map((row) => ({ personId: row.person, films: Number(row.n) })),
  };
}
