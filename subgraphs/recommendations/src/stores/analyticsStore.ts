import type { SqlExecutor } from '@marquee/db';

export type TrendBucket = 'YEAR' | 'MONTH';

/** One genre in one year (or month of a year). */
export interface GenreTrendRow {
  genre: string;
  year: number;
  /** 1 to 12 in MONTH buckets, null in YEAR buckets. */
  month: number | null;
  /** Films of the genre released that year; null in MONTH buckets (release months are unknown). */
  titlesReleased: number | null;
  ratingsGiven: number;
  averageRating: number | null;
}

export interface MonthActivity {
  /** `YYYY-MM` (UTC). */
  month: string;
  ratings: number;
  averageRating: number;
}

export interface GenreShare {
  genre: string;
  ratings: number;
  averageRating: number;
}

export interface PersonShare {
  personId: string;
  films: number;
}

/** What one user's ratings add up to; `communityAverageRating` is everyone's mean on the same films. */
export interface UserRatingStats {
  ratings: number;
  averageRating: number | null;
  communityAverageRating: number | null;
  byMonth: MonthActivity[];
  genres: GenreShare[];
  people: PersonShare[];
}

export interface ModelVersionRecord {
  version: number;
  kind: string;
  createdAt: Date;
  training: { name: string; value: number }[];
  metrics: { name: string; value: number }[];
}

/** Numeric entries of a metadata object, as name/value pairs. */
const numericEntries = (value: unknown): { name: string; value: number }[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value)
        .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
        .map(([name, number]) => ({ name, value: number }))
    : [];

/**
 * Reads the analytics rollups (`genre_title_year`, `genre_rating_month`, `movie_rating_total`),
 * which triggers keep exact as `item_feature` and `interaction` are written (docs/analytics.md).
 * Nothing here scans the raw tables except one user's own ratings, which `User.stats` reads
 * through the interaction key (linear in that user's rating count).
 */
export interface AnalyticsStore {
  /** Years `from` to `to` inclusive (UTC), only buckets with films or ratings, by period then genre. */
  genreTrends(from: number, to: number, bucket: TrendBucket): Promise<GenreTrendRow[]>;
  userStats(userId: string): Promise<UserRatingStats>;
  /** Newest first, without the snapshots' data. */
  modelVersions(first: number): Promise<ModelVersionRecord[]>;
}

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export function createAnalyticsStore(sql: SqlExecutor): AnalyticsStore {
  return {
    async modelVersions(first) {
      const rows = await sql.query<{
        version: number;
        kind: string;
        created_at: Date | string;
        metadata: unknown;
      }>(
        'SELECT version, kind, created_at, metadata FROM recommendations.model_snapshot ORDER BY version DESC LIMIT $1',
        [first],
      );
      return rows.map((row) => {
        const metadata = (
          typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata
        ) as Record<string, unknown>;
        // Training writes its counts and timings at the top level; an evaluation's figures go
        // under `offlineMetrics`.
        const { offlineMetrics, ...training } = metadata;
        return {
          version: Number(row.version),
          kind: row.kind,
          createdAt: new Date(row.created_at),
          training: numericEntries(training),
          metrics: numericEntries(offlineMetrics),
        };
      });
    },
    async genreTrends(from, to, bucket) {
      const first = `${String(from).padStart(4, '0')}-01-01`;
      const last = `${String(to + 1).padStart(4, '0')}-01-01`;
      if (bucket === 'YEAR') {
        const rows = await sql.query<{
          genre: string;
          year: number;
          titles: number | string | null;
          ratings: number | string | null;
          rating_sum: number | string | null;
        }>(
          `WITH titles AS (
             SELECT genre, year, titles FROM recommendations.genre_title_year
             WHERE year BETWEEN $1 AND $2 AND titles > 0
           ), ratings AS (
             SELECT genre, extract(year FROM month)::int AS year, sum(ratings)::bigint AS ratings,
                    sum(rating_sum) AS rating_sum
             FROM recommendations.genre_rating_month
             WHERE month >= $3::date AND month < $4::date AND ratings > 0
             GROUP BY 1, 2
           )
           SELECT genre, year, titles.titles, ratings.ratings, ratings.rating_sum
           FROM titles FULL JOIN ratings USING (genre, year)
           ORDER BY year, genre`,
          [from, to, first, last],
        );
        return rows.map((row) => {
          const ratings = num(row.ratings ?? 0);
          return {
            genre: row.genre,
            year: num(row.year),
            month: null,
            titlesReleased: num(row.titles ?? 0),
            ratingsGiven: ratings,
            averageRating: ratings > 0 ? num(row.rating_sum) / ratings : null,
          };
        });
      }
      const rows = await sql.query<{
        genre: string;
        year: number;
        month: number;
        ratings: number | string;
        rating_sum: number | string;
      }>(
        `SELECT genre, extract(year FROM month)::int AS year, extract(month FROM month)::int AS month,
                ratings, rating_sum
         FROM recommendations.genre_rating_month
         WHERE month >= $1::date AND month < $2::date AND ratings > 0
         ORDER BY 2, 3, 1`,
        [first, last],
      );
      return rows.map((row) => ({
        genre: row.genre,
        year: num(row.year),
        month: num(row.month),
        titlesReleased: null,
        ratingsGiven: num(row.ratings),
        averageRating: num(row.rating_sum) / num(row.ratings),
      }));
    },

    async userStats(userId) {
      // One statement: the user's ratings by the interaction key, each joined with its film's
      // features and everyone's totals by primary key.
      const rows = await sql.query<{
        kind: string;
        label: string | null;
        ratings: number | string;
        rating_sum: number | string | null;
        community: number | string | null;
      }>(
        `WITH mine AS (
           SELECT i.movie_id, i.rating, i.at, f.genres, f.people, t.ratings AS all_ratings, t.rating_sum AS all_sum
           FROM recommendations.interaction i
           LEFT JOIN recommendations.item_feature f USING (movie_id)
           LEFT JOIN recommendations.movie_rating_total t USING (movie_id)
           WHERE i.user_id = $1
         )
         SELECT 'total' AS kind, NULL AS label, count(*) AS ratings, sum(rating) AS rating_sum,
                sum(all_sum) / nullif(sum(all_ratings), 0) AS community
         FROM mine
         UNION ALL
         SELECT 'month', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM'), count(*), sum(rating), NULL
         FROM mine GROUP BY 2
         UNION ALL
         SELECT 'genre', genre, count(*), sum(rating), NULL
         FROM mine CROSS JOIN LATERAL unnest(genres) AS genre GROUP BY 2
         UNION ALL
         SELECT 'person', person, count(*), NULL, NULL
         FROM mine CROSS JOIN LATERAL unnest(people) AS person GROUP BY 2`,
        [userId],
      );
      const stats: UserRatingStats = {
        ratings: 0,
        averageRating: null,
        communityAverageRating: null,
        byMonth: [],
        genres: [],
        people: [],
      };
      for (const row of rows) {
        const ratings = num(row.ratings);
        const label = row.label ?? '';
        if (row.kind === 'total') {
          stats.ratings = ratings;
          stats.averageRating = ratings > 0 ? num(row.rating_sum) / ratings : null;
          stats.communityAverageRating = numOrNull(row.community);
        } else if (row.kind === 'month')
          stats.byMonth.push({
            month: label,
            ratings,
            averageRating: num(row.rating_sum) / ratings,
          });
        else if (row.kind === 'genre')
          stats.genres.push({
            genre: label,
            ratings,
            averageRating: num(row.rating_sum) / ratings,
          });
        else stats.people.push({ personId: label, films: ratings });
      }
      stats.byMonth.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
      // Most rated first; ties by the better average, then by name (code units), so the order
      // is stable.
      const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      stats.genres.sort(
        (a, b) =>
          b.ratings - a.ratings || b.averageRating - a.averageRating || byName(a.genre, b.genre),
      );
      stats.people.sort((a, b) => b.films - a.films || byName(a.personId, b.personId));
      return stats;
    },
  };
}
