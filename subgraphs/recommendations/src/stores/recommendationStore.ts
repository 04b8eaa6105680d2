import type { Database, Prisma } from '@marquee/db';

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
  /** For reasons ("Because you liked Alien"); optional for writers that do not know it. */
  title?: string | null;
  keywords?: string[];
  /** Person ids credited on the film (content similarity). */
  people?: string[];
}

/** One film as the recommender serves it. */
export interface ItemFeature {
  movieId: string;
  title: string | null;
  genres: string[];
  keywords: string[];
  people: string[];
  year: number | null;
  popularity: number;
}

export interface StoredInteraction {
  movieId: string;
  rating: number;
  /** Epoch milliseconds. */
  at: number;
}

export interface SnapshotRecord {
  version: number;
  kind: string;
  createdAt: Date;
  metadata: Record<string, unknown>;
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
  /** A removed rating: the film no longer counts for (or against) the user. */
  deleteInteraction(userId: string, movieId: string): Promise<void>;
  /** Every film's features (the serving catalogue, loaded into memory). */
  loadItems(): Promise<ItemFeature[]>;
  /** Changes whenever an item is written: a cheap check before reloading the catalogue. */
  itemsFingerprint(): Promise<string>;
  interactionsOf(userIds: readonly string[]): Promise<Map<string, StoredInteraction[]>>;
  /** Every interaction, in pages of `pageSize` (keyset order), for training. */
  scanInteractions(pageSize?: number): AsyncIterable<{ userId: string; movieId: string; rating: number; at: number }[]>;
  /**
   * Positive ratings since `since`, each weighted 0.5^(age / halfLife), summed per film, best
   * first.
   */
  trending(since: Date, halfLifeMs: number, first: number): Promise<{ movieId: string; score: number }[]>;
  saveSnapshot(input: { kind: string; metadata: Record<string, unknown>; data: Uint8Array }): Promise<SnapshotRecord>;
  latestSnapshot(): Promise<SnapshotRecord | null>;
  snapshotData(version: number): Promise<Uint8Array | null>;
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
        items.map(({ movieId, title, keywords, people, ...rest }) => {
          // Optional features are written only when given, so a writer that lacks them (a
          // catalogue event) does not erase what another (the seed, ingestion) wrote.
          const data = {
            ...rest,
            ...(title === undefined ? {} : { title }),
            ...(keywords === undefined ? {} : { keywords }),
            ...(people === undefined ? {} : { people }),
          };
          return prisma.itemFeature.upsert({ where: { movieId }, create: { movieId, ...data }, update: data });
        }),
      );
    },
    async deleteInteraction(userId, movieId) {
      await prisma.interaction.deleteMany({ where: { userId, movieId } });
    },
    async loadItems() {
      const rows = await sql.query<{
        movie_id: string;
        title: string | null;
        genres: string[] | null;
        keywords: string[] | null;
        people: string[] | null;
        year: number | null;
        popularity: number;
      }>('SELECT movie_id, title, genres, keywords, people, year, popularity FROM recommendations.item_feature ORDER BY movie_id');
      return rows.map((row) => ({
        movieId: row.movie_id,
        title: row.title,
        genres: row.genres ?? [],
        keywords: row.keywords ?? [],
        people: row.people ?? [],
        year: row.year,
        popularity: Number(row.popularity),
      }));
    },
    async itemsFingerprint() {
      const [row] = await sql.query<{ n: number | string; latest: Date | string | null }>(
        'SELECT count(*) AS n, max(updated_at) AS latest FROM recommendations.item_feature',
      );
      return `${String(row?.n ?? 0)}@${row?.latest === null || row?.latest === undefined ? '' : new Date(row.latest).toISOString()}`;
    },
    async interactionsOf(userIds) {
      const rows = await sql.query<{ user_id: string; movie_id: string; rating: number; at_ms: number | string }>(
        `SELECT user_id, movie_id, rating, (extract(epoch FROM at) * 1000)::float8 AS at_ms
         FROM recommendations.interaction WHERE user_id = ANY($1::text[]) ORDER BY user_id, at, movie_id`,
        [userIds],
      );
      const byUser = new Map<string, StoredInteraction[]>(userIds.map((id) => [id, []]));
      for (const row of rows) {
        byUser.get(row.user_id)?.push({ movieId: row.movie_id, rating: Number(row.rating), at: Number(row.at_ms) });
      }
      return byUser;
    },
    async *scanInteractions(pageSize = 50_000) {
      let after: [string, string] = ['', ''];
      for (;;) {
        const rows = await sql.query<{ user_id: string; movie_id: string; rating: number; at_ms: number | string }>(
          `SELECT user_id, movie_id, rating, (extract(epoch FROM at) * 1000)::float8 AS at_ms
           FROM recommendations.interaction WHERE (user_id, movie_id) > ($1, $2)
           ORDER BY user_id, movie_id LIMIT $3`,
          [after[0], after[1], pageSize],
        );
        if (rows.length === 0) return;
        yield rows.map((row) => ({ userId: row.user_id, movieId: row.movie_id, rating: Number(row.rating), at: Number(row.at_ms) }));
        const last = rows[rows.length - 1];
        if (last === undefined || rows.length < pageSize) return;
        after = [last.user_id, last.movie_id];
      }
    },
    async trending(since, halfLifeMs, first) {
      const rows = await sql.query<{ movie_id: string; score: number }>(
        `SELECT movie_id, SUM(power(0.5, extract(epoch FROM (now() - at)) * 1000 / $2::float8))::float8 AS score
         FROM recommendations.interaction WHERE at >= $1 AND rating >= 3.5
         GROUP BY movie_id ORDER BY score DESC, movie_id LIMIT $3`,
        [since, halfLifeMs, first],
      );
      return rows.map((row) => ({ movieId: row.movie_id, score: Number(row.score) }));
    },
    async saveSnapshot({ kind, metadata, data }) {
      const row = await prisma.modelSnapshot.create({
        data: { kind, metadata: metadata as Prisma.InputJsonObject, data: new Uint8Array(data) },
        select: { version: true, kind: true, createdAt: true, metadata: true },
      });
      return { ...row, metadata: row.metadata as Record<string, unknown> };
    },
    async latestSnapshot() {
      const row = await prisma.modelSnapshot.findFirst({
        orderBy: { version: 'desc' },
        select: { version: true, kind: true, createdAt: true, metadata: true },
      });
      return row === null ? null : { ...row, metadata: row.metadata as Record<string, unknown> };
    },
    async snapshotData(version) {
      const row = await prisma.modelSnapshot.findUnique({ where: { version }, select: { data: true } });
      return row?.data ?? null;
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
