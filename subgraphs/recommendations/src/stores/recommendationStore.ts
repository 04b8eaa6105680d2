import type { Database } from '@marquee/db';

/** An entity owned by another subgraph, known here by its key only. */
export interface EntityReference {
  id: string;
}

export interface ScoredMovie {
  movieId: string;
  score: number;
  reason: string;
}

export interface ItemFeatureInput {
  movieId: string;
  genres: string[];
  year: number | null;
  popularity: number;
}

export interface InteractionInput {
  userId: string;
  movieId: string;
  rating: number;
  at: Date;
}

/**
 * The recommender's own copy of what it learns from: item features written when the catalogue is
 * written, interactions fed by rating events. It never reads another subgraph's tables.
 */
export interface RecommendationStore {
  similar(movieIds: readonly string[], first: number): Promise<Map<string, ScoredMovie[]>>;
  forUsers(userIds: readonly string[], first: number): Promise<Map<string, ScoredMovie[]>>;
  upsertItems(items: readonly ItemFeatureInput[]): Promise<void>;
  recordInteraction(interaction: InteractionInput): Promise<void>;
  recordInteractions(interactions: readonly InteractionInput[]): Promise<void>;
}

// Genre overlap (Jaccard) dominates; popularity, scaled to the catalogue's maximum, breaks ties.
const SIMILAR_SQL = `
WITH maxpop AS (SELECT GREATEST(MAX(popularity), 1) AS m FROM recommendations.item_feature)
SELECT src.movie_id AS source, c.movie_id, c.score, c.shared
FROM unnest($1::text[]) AS src(movie_id)
JOIN recommendations.item_feature f ON f.movie_id = src.movie_id
CROSS JOIN maxpop
CROSS JOIN LATERAL (
  SELECT i.movie_id,
         ARRAY(SELECT unnest(i.genres) INTERSECT SELECT unnest(f.genres) ORDER BY 1) AS shared,
         0.8 * cardinality(ARRAY(SELECT unnest(i.genres) INTERSECT SELECT unnest(f.genres)))::float8
             / GREATEST(cardinality(ARRAY(SELECT unnest(i.genres) UNION SELECT unnest(f.genres))), 1)
         + 0.2 * i.popularity / maxpop.m AS score
  FROM recommendations.item_feature i
  WHERE i.genres && f.genres AND i.movie_id <> f.movie_id
  ORDER BY score DESC, i.movie_id
  LIMIT $2
) c
ORDER BY src.movie_id, c.score DESC, c.movie_id`;

// Genre affinity from the user's liked films (rating >= 3.5), times scaled popularity; films the
// user rated are excluded. Users without liked films get plain popularity (cold start).
const FOR_USERS_SQL = `
WITH maxpop AS (SELECT GREATEST(MAX(popularity), 1) AS m FROM recommendations.item_feature),
users AS (SELECT unnest($1::text[]) AS user_id),
affinity AS (
  SELECT x.user_id, g.genre, SUM(x.rating - 2.5) AS weight
  FROM recommendations.interaction x
  JOIN recommendations.item_feature f ON f.movie_id = x.movie_id
  CROSS JOIN LATERAL unnest(f.genres) AS g(genre)
  WHERE x.user_id = ANY($1::text[]) AND x.rating >= 3.5
  GROUP BY x.user_id, g.genre
)
SELECT u.user_id, c.movie_id, c.score, c.top_genre
FROM users u
CROSS JOIN maxpop
CROSS JOIN LATERAL (
  SELECT i.movie_id,
         COALESCE((SELECT SUM(a.weight) FROM affinity a WHERE a.user_id = u.user_id AND a.genre = ANY(i.genres)), 0)
           + i.popularity / maxpop.m AS score,
         (SELECT a.genre FROM affinity a WHERE a.user_id = u.user_id AND a.genre = ANY(i.genres)
           ORDER BY a.weight DESC, a.genre LIMIT 1) AS top_genre
  FROM recommendations.item_feature i
  WHERE NOT EXISTS (
    SELECT 1 FROM recommendations.interaction r WHERE r.user_id = u.user_id AND r.movie_id = i.movie_id)
  ORDER BY score DESC, i.movie_id
  LIMIT $2
) c
ORDER BY u.user_id, c.score DESC, c.movie_id`;

function group<Row extends { key: string }>(rows: Row[], toScored: (row: Row) => ScoredMovie) {
  const byKey = new Map<string, ScoredMovie[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push(toScored(row));
    byKey.set(row.key, list);
  }
  return byKey;
}

export function createRecommendationStore(db: Database): RecommendationStore {
  const { prisma, sql } = db;
  return {
    async similar(movieIds, first) {
      const rows = await sql.query<{ source: string; movie_id: string; score: number; shared: string[] }>(
        SIMILAR_SQL,
        [movieIds, first],
      );
      return group(
        rows.map((row) => ({ ...row, key: row.source })),
        (row) => ({ movieId: row.movie_id, score: Number(row.score), reason: `Also ${row.shared.join(', ')}` }),
      );
    },
    async forUsers(userIds, first) {
      const rows = await sql.query<{ user_id: string; movie_id: string; score: number; top_genre: string | null }>(
        FOR_USERS_SQL,
        [userIds, first],
      );
      return group(
        rows.map((row) => ({ ...row, key: row.user_id })),
        (row) => ({
          movieId: row.movie_id,
          score: Number(row.score),
          reason: row.top_genre === null ? 'Popular on Marquee' : `Popular in ${row.top_genre}`,
        }),
      );
    },
    async upsertItems(items) {
      await prisma.$transaction(
        items.map(({ movieId, ...data }) =>
          prisma.itemFeature.upsert({ where: { movieId }, create: { movieId, ...data }, update: data }),
        ),
      );
    },
    async recordInteraction({ userId, movieId, rating, at }) {
      await prisma.interaction.upsert({
        where: { userId_movieId: { userId, movieId } },
        create: { userId, movieId, rating, at },
        update: { rating, at },
      });
    },
    async recordInteractions(interactions) {
      await prisma.$transaction(
        interactions.map(({ userId, movieId, rating, at }) =>
          prisma.interaction.upsert({
            where: { userId_movieId: { userId, movieId } },
            create: { userId, movieId, rating, at },
            update: { rating, at },
          }),
        ),
      );
    },
  };
}
