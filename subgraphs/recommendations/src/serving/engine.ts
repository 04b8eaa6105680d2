import { cacheKey, type Cache } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import { MAX_PAGE_SIZE } from '@marquee/server-kit';
import type { RecommendationStore, ScoredMovie } from '../stores/recommendationStore.ts';
import { buildCatalogue, loadModel, type Served } from './catalogue.ts';
import {
  newArrivalSince,
  popularIn,
  predictRatings,
  scoreUser,
  similarTo,
  topUpTrending,
} from './scoring.ts';

export type TrendWindow = 'DAY' | 'WEEK' | 'MONTH';

/** Per-user top-N lives this long in the shared cache; rating events and model versions renew it. */
export const TOPN_TTL_SECONDS = 6 * 3600;
const TRENDING_TTL_SECONDS = 60;

const WINDOW_MS: Record<TrendWindow, number> = {
  DAY: 86_400_000,
  WEEK: 7 * 86_400_000,
  MONTH: 30 * 86_400_000,
};
const WINDOW_REASON: Record<TrendWindow, string> = {
  DAY: 'Trending today',
  WEEK: 'Trending this week',
  MONTH: 'Trending this month',
};

interface CachedList {
  /** Model version the list was scored with (0: none); another version makes it a miss. */
  version: number;
  items: ScoredMovie[];
}

/** A user's list after a recompute, with the cached list it replaced (undefined: none cached). */
export interface Recomputed {
  previous: ScoredMovie[] | undefined;
  items: ScoredMovie[];
}

export interface RecommendationEngine {
  /** Reloads the catalogue if it changed and the model if a newer snapshot exists. */
  refresh(): Promise<void>;
  /** The served model's version (0 before any training). */
  modelVersion(): number;
  /** Top 100 per user, from the cache or computed. */
  forUsers(userIds: readonly string[]): Promise<Map<string, ScoredMovie[]>>;
  /** Recomputes a user's list after their ratings changed (announcing it is the caller's job). */
  recompute(userId: string): Promise<Recomputed>;
  similar(movieIds: readonly string[]): Promise<Map<string, ScoredMovie[]>>;
  trending(window: TrendWindow, first: number): Promise<ScoredMovie[]>;
  popular(genre: string | null, first: number): Promise<ScoredMovie[]>;
  /** The user's predicted rating of each film (null: rated by them, or no rating model). */
  predictedRatings(userId: string, movieIds: readonly string[]): Promise<(number | null)[]>;
  /** Whether the served catalogue holds the film (reloaded once when it does not). */
  hasMovie(movieId: string): Promise<boolean>;
}

export interface EngineOptions {
  store: RecommendationStore;
  cache: Cache;
  logger: Logger;
  now?: () => number;
}

const topnKey = (userId: string) => cacheKey('recommendations', 'topn', userId);

/**
 * Serving: the newest model snapshot and the item catalogue in memory (reloaded here), per-user
 * top-N and trending lists in the shared cache. Scoring itself is pure (scoring.ts).
 */
export function createRecommendationEngine(options: EngineOptions): RecommendationEngine {
  const { store, cache, logger } = options;
  const now = options.now ?? Date.now;
  const served: Served = { catalogue: buildCatalogue([], ''), model: undefined };
  let loaded: Promise<void> | undefined;

  async function refresh() {
    const fingerprint = await store.itemsFingerprint();
    if (fingerprint !== served.catalogue.fingerprint)
      served.catalogue = buildCatalogue(await store.loadItems(), fingerprint);
    const latest = await store.latestSnapshot();
    if (latest !== null && latest.version > (served.model?.version ?? 0)) {
      const data = await store.snapshotData(latest.version);
      if (data === null) return;
      served.model = loadModel(latest.version, data);
      const { snapshot } = served.model;
      logger.info(
        { version: latest.version, kind: snapshot.kind, items: snapshot.items.length },
        'serving a new model snapshot',
      );
    }
  }

  // First use loads synchronously-enough: every entry point awaits this once.
  const ensureLoaded = () => (loaded ??= refresh());
  const modelVersion = () => served.model?.version ?? 0;

  async function computeFor(userIds: readonly string[]): Promise<Map<string, ScoredMovie[]>> {
    const interactions = await store.interactionsOf(userIds);
    const since = newArrivalSince(now());
    const lists = new Map<string, ScoredMovie[]>();
    for (const userId of userIds)
      lists.set(userId, scoreUser(served, interactions.get(userId) ?? [], MAX_PAGE_SIZE, since));
    const version = modelVersion();
    await Promise.all(
      [...lists].map(([userId, items]) =>
        cache.set<CachedList>(topnKey(userId), { version, items }, TOPN_TTL_SECONDS),
      ),
    );
    return lists;
  }

  async function popular(genre: string | null, first: number): Promise<ScoredMovie[]> {
    await ensureLoaded();
    return popularIn(served, genre, first);
  }

  return {
    refresh: async () => {
      await ensureLoaded();
      await refresh();
    },
    modelVersion,
    async forUsers(userIds) {
      await ensureLoaded();
      const version = modelVersion();
      const cached = await cache.getMany<CachedList>(userIds.map(topnKey));
      const lists = new Map<string, ScoredMovie[]>();
      const misses: string[] = [];
      userIds.forEach((userId, i) => {
        const hit = cached[i];
        if (hit !== undefined && hit.version === version) lists.set(userId, hit.items);
        else misses.push(userId);
      });
      if (misses.length > 0)
        for (const [userId, items] of await computeFor(misses)) lists.set(userId, items);
      return lists;
    },
    async recompute(userId) {
      await ensureLoaded();
      const previous = await cache.get<CachedList>(topnKey(userId));
      const items = (await computeFor([userId])).get(userId) ?? [];
      return { previous: previous?.items, items };
    },
    async similar(movieIds) {
      await ensureLoaded();
      return new Map(
        movieIds.map((movieId) => [movieId, similarTo(served, movieId, MAX_PAGE_SIZE)]),
      );
    },
    async trending(window, first) {
      await ensureLoaded();
      const key = cacheKey('recommendations', 'trending', window);
      let list = await cache.get<ScoredMovie[]>(key);
      if (list === undefined) {
        const span = WINDOW_MS[window];
        const rows = await store.trending(new Date(now() - span), span / 2, MAX_PAGE_SIZE);
        list = rows.map((row) => ({
          movieId: row.movieId,
          score: row.score,
          reason: WINDOW_REASON[window],
        }));
        await cache.set(key, list, TRENDING_TTL_SECONDS);
      }
      return topUpTrending(list, first, (count) => popularIn(served, null, count));
    },
    popular,
    async predictedRatings(userId, movieIds) {
      await ensureLoaded();
      const ratings = (await store.interactionsOf([userId])).get(userId) ?? [];
      return predictRatings(served, ratings, movieIds);
    },
    async hasMovie(movieId) {
      await ensureLoaded();
      if (served.catalogue.index.has(movieId)) return true;
      // A film written since the last reload (the poll runs every 30 s): look again once.
      await refresh();
      return served.catalogue.index.has(movieId);
    },
  };
}
