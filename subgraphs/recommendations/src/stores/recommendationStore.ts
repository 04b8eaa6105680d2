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
  upsertItems(items: readonly ItemFeatureInput[]): Promise<void>;
  /** Upserts a rating unless the stored one is newer (`at`), so events applied out of order keep the latest. */
  recordInteraction(interaction: InteractionInput): Promise<void>;
  recordInteractions(interactions: readonly InteractionInput[]): Promise<void>;
  /** A removed rating: the film no longer counts for (or against) the user. */
  /** Removed at `at`: a rating given after that is kept. */
  deleteInteraction(userId: string, movieId: string, at: Date): Promise<void>;
  /** A deleted account: none of its ratings count any more, and its other signals go too. */
  deleteInteractionsOf(userId: string): Promise<void>;
  /** Every film's features (the serving catalogue, loaded into memory). */
  loadItems(): Promise<ItemFeature[]>;
  /** Changes whenever an item is written: a cheap check before reloading the catalogue. */
  itemsFingerprint(): Promise<string>;
  /** Each user's ratings, oldest first. */
  interactionsOf(userIds: readonly string[]): Promise<Map<string, StoredInteraction[]>>;
  /** Every interaction, in pages of `pageSize` (keyset order), for training. */
  scanInteractions(
    pageSize?: number,
  ): AsyncIterable<{ userId: string; movieId: string; rating: number; at: number }[]>;
  /**
   * Positive ratings since `since`, each weighted 0.5^(age / halfLife), summed per film, best
   * first.
   */
  trending(
    since: Date,
    halfLifeMs: number,
    first: number,
  ): Promise<{ movieId: string; score: number }[]>;
  saveSnapshot(input: {
    kind: string;
    metadata: Record<string, unknown>;
    data: Uint8Array;
  }): Promise<SnapshotRecord>;
  latestSnapshot(): Promise<SnapshotRecord | null>;
  snapshotData(version: number): Promise<Uint8Array | null>;
}

export function createRecommendationStore(db: Database): RecommendationStore {
  const { prisma, sql } = db;
  return {
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
          return prisma.itemFeature.upsert({
            where: { movieId },
            create: { movieId, ...data },
            update: data,
          });
        }),
      );
    },
    async deleteInteraction(userId, movieId, at) {
      await prisma.interaction.deleteMany({ where: { userId, movieId, at: { lte: at } } });
    },
    async deleteInteractionsOf(userId) {
      await prisma.$transaction([
        prisma.interaction.deleteMany({ where: { userId } }),
        prisma.implicitInteraction.deleteMany({ where: { userId } }),
      ]);
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
      }>(
        'SELECT movie_id, title, genres, keywords, people, year, popularity FROM recommendations.item_feature ORDER BY movie_id',
      );
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
      const rows = await sql.query<{
        user_id: string;
        movie_id: string;
        rating: number;
        at_ms: number | string;
      }>(
        `SELECT user_id, movie_id, rating, (extract(epoch FROM at) * 1000)::float8 AS at_ms
         FROM recommendations.interaction WHERE user_id = ANY($1::text[]) ORDER BY user_id, at, movie_id`,
        [userIds],
      );
      const byUser = new Map<string, StoredInteraction[]>(userIds.map((id) => [id, []]));
      for (const row of rows) {
        byUser
          .get(row.user_id)
          ?.push({ movieId: row.movie_id, rating: Number(row.rating), at: Number(row.at_ms) });
      }
      return byUser;
    },
    async *scanInteractions(pageSize = 50_000) {
      let after: [string, string] = ['', ''];
      for (;;) {
        const rows = await sql.query<{
          user_id: string;
          movie_id: string;
          rating: number;
          at_ms: number | string;
        }>(
          `SELECT user_id, movie_id, rating, (extract(epoch FROM at) * 1000)::float8 AS at_ms
           FROM recommendations.interaction WHERE (user_id, movie_id) > ($1, $2)
           ORDER BY user_id, movie_id LIMIT $3`,
          [after[0], after[1], pageSize],
        );
        if (rows.length === 0) return;
        yield rows.map((row) => ({
          userId: row.user_id,
          movieId: row.movie_id,
          rating: Number(row.rating),
          at: Number(row.at_ms),
        }));
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
      const row = await prisma.modelSnapshot.findUnique({
        where: { version },
        select: { data: true },
      });
      return row?.data ?? null;
    },
    async recordInteraction({ userId, movieId, rating, at }) {
      // An older rating arriving late (another replica handled it) never overwrites a newer one.
      await sql.query(
        `INSERT INTO recommendations.interaction (user_id, movie_id, rating, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = EXCLUDED.rating, at = EXCLUDED.at
         WHERE recommendations.interaction.at <= EXCLUDED.at`,
        [userId, movieId, rating, at],
      );
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
