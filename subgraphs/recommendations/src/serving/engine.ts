import { cacheKey, type Cache } from '@marquee/cache';
import type { Logger } from '@marquee/logger';
import type { MarqueeTopics, PubSub } from '@marquee/pubsub';
import {
  contentSimilarity,
  deserializeSnapshot,
  foldIn,
  POSITIVE_THRESHOLD,
  similarItems,
  type ModelSnapshot,
} from '@marquee/recsys';
import { MAX_PAGE_SIZE } from '@marquee/server-kit';
import type {
  ItemFeature,
  RecommendationStore,
  ScoredMovie,
  StoredInteraction,
} from './stores/recommendationStore.ts';

export type TrendWindow = 'DAY' | 'WEEK' | 'MONTH';

/** Users with fewer liked films than this get the cold-start list (genres + popularity). */
export const COLD_START_LIKES = 3;
/** Per-user top-N lives this long in the shared cache; rating events and model versions renew it. */
export const TOPN_TTL_SECONDS = 6 * 3600;
const TRENDING_TTL_SECONDS = 60;
/** A film whose year is this recent (or later) is a "New arrival". */
const NEW_ARRIVAL_YEARS = 1;
/** Genre and keyword postings consulted per genre or keyword for `similar` (most popular first): keeps it O(1) in catalogue size. */
const POSTING_CANDIDATES = 300;
/**
 * "Because you liked …" names the film with the largest share of the score among the user's latest
 * this many liked films: recent taste explains best, and for a heavy rater it bounds the cost of
 * ALS reasons (100 films × liked × factors). Scores always use every liked film.
 */
const REASON_LIKES = 500;
/** How many of a user's top-N a `recommendations.updated` event compares. */
const NOTIFY_TOP = 20;

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

interface Catalogue {
  fingerprint: string;
  items: ItemFeature[];
  index: Map<string, number>;
  byGenre: Map<string, number[]>;
  byPerson: Map<string, number[]>;
  byKeyword: Map<string, number[]>;
  maxPopularity: number;
}

interface LoadedModel {
  version: number;
  snapshot: ModelSnapshot;
  index: Map<string, number>;
  maxPopularity: number;
}

interface CachedList {
  /** Model version the list was scored with (0: none); another version makes it a miss. */
  version: number;
  items: ScoredMovie[];
}

export interface RecommendationEngine {
  /** Reloads the catalogue if it changed and the model if a newer snapshot exists. */
  refresh(): Promise<void>;
  /** The served model's version (0 before any training). */
  modelVersion(): number;
  /** Top 100 per user, from the cache or computed. */
  forUsers(userIds: readonly string[]): Promise<Map<string, ScoredMovie[]>>;
  /** Recomputes a user's list after their ratings changed; publishes what entered their top 20. */
  recompute(userId: string): Promise<ScoredMovie[]>;
  similar(movieIds: readonly string[]): Promise<Map<string, ScoredMovie[]>>;
  trending(window: TrendWindow, first: number): Promise<ScoredMovie[]>;
  popular(genre: string | null, first: number): Promise<ScoredMovie[]>;
}

export interface EngineOptions {
  store: RecommendationStore;
  cache: Cache;
  pubsub: PubSub<MarqueeTopics>;
  logger: Logger;
  now?: () => number;
}

const topnKey = (userId: string) => cacheKey('recommendations', 'topn', userId);

function buildCatalogue(items: ItemFeature[], fingerprint: string): Catalogue {
  const index = new Map<string, number>();
  const byGenre = new Map<string, number[]>();
  const byPerson = new Map<string, number[]>();
  const byKeyword = new Map<string, number[]>();
  const post = (map: Map<string, number[]>, key: string, item: number) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  let maxPopularity = 0;
  items.forEach((item, i) => {
    index.set(item.movieId, i);
    for (const genre of item.genres) post(byGenre, genre, i);
    for (const person of item.people) post(byPerson, person, i);
    for (const keyword of item.keywords) post(byKeyword, keyword, i);
    maxPopularity = Math.max(maxPopularity, item.popularity);
  });
  // Most popular first, so "more like this" can take the head of a long list (a common tag).
  const byPopularity = (a: number, b: number) =>
    (items[b]?.popularity ?? 0) - (items[a]?.popularity ?? 0) || a - b;
  for (const list of byGenre.values()) list.sort(byPopularity);
  for (const list of byKeyword.values()) list.sort(byPopularity);
  return { fingerprint, items, index, byGenre, byPerson, byKeyword, maxPopularity };
}

/**
 * Serving: the newest model snapshot and the item catalogue in memory, per-user top-N in the
 * shared cache. Everything here degrades to popularity and content when no model exists yet.
 */
export function createRecommendationEngine(options: EngineOptions): RecommendationEngine {
  const { store, cache, pubsub, logger } = options;
  const now = options.now ?? Date.now;
  let catalogue = buildCatalogue([], '');
  let model: LoadedModel | undefined;
  let loaded: Promise<void> | undefined;

  async function refresh() {
    const fingerprint = await store.itemsFingerprint();
    if (fingerprint !== catalogue.fingerprint)
      catalogue = buildCatalogue(await store.loadItems(), fingerprint);
    const latest = await store.latestSnapshot();
    if (latest !== null && latest.version > (model?.version ?? 0)) {
      const data = await store.snapshotData(latest.version);
      if (data === null) return;
      const snapshot = deserializeSnapshot(data);
      let maxPopularity = 0;
      for (const value of snapshot.popularity) maxPopularity = Math.max(maxPopularity, value);
      model = {
        version: latest.version,
        snapshot,
        index: new Map(snapshot.items.map((id, i) => [id, i])),
        maxPopularity,
      };
      logger.info(
        { version: latest.version, kind: snapshot.kind, items: snapshot.items.length },
        'serving a new model snapshot',
      );
    }
  }

  // First use loads synchronously-enough: every entry point awaits this once.
  const ensureLoaded = () => (loaded ??= refresh());

  /** Popularity in [0, 1]: the catalogue's own (outside) popularity blended with the model's liked-count. */
  function popularityOf(movieId: string): number {
    const item = catalogue.items[catalogue.index.get(movieId) ?? -1];
    const outside =
      item !== undefined && catalogue.maxPopularity > 0
        ? item.popularity / catalogue.maxPopularity
        : 0;
    if (model === undefined || model.maxPopularity === 0) return outside;
    const m = model.index.get(movieId);
    const inside = m === undefined ? 0 : (model.snapshot.popularity[m] ?? 0) / model.maxPopularity;
    return 0.5 * outside + 0.5 * inside;
  }

  /** The earliest year whose films are "New arrival"s now (computed once per list, not per film). */
  function newArrivalSince(): number {
    return new Date(now()).getUTCFullYear() - NEW_ARRIVAL_YEARS;
  }

  /** Genre affinity from liked films, popularity and freshness: for users the model cannot score yet. */
  function coldStart(
    interactions: readonly StoredInteraction[],
    k: number,
    exclude: ReadonlySet<string>,
  ): ScoredMovie[] {
    const affinity = new Map<string, number>();
    for (const interaction of interactions) {
      if (interaction.rating < POSITIVE_THRESHOLD) continue;
      const item = catalogue.items[catalogue.index.get(interaction.movieId) ?? -1];
      for (const genre of item?.genres ?? [])
        affinity.set(genre, (affinity.get(genre) ?? 0) + interaction.rating - 2.5);
    }
    let total = 0;
    for (const weight of affinity.values()) total += weight;
    const since = newArrivalSince();
    // Scores first, objects and reasons only for the k kept: a list costs k objects, not one per film.
    const { items } = catalogue;
    const scores = new Float64Array(items.length);
    const candidates: number[] = [];
    items.forEach((item, i) => {
      if (exclude.has(item.movieId)) return;
      let genreScore = 0;
      for (const genre of item.genres) genreScore += affinity.get(genre) ?? 0;
      const fresh = item.year !== null && item.year >= since;
      scores[i] =
        popularityOf(item.movieId) + (total > 0 ? genreScore / total : 0) + (fresh ? 0.3 : 0);
      candidates.push(i);
    });
    const idOf = (i: number) => items[i]?.movieId ?? '';
    candidates.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (idOf(a) < idOf(b) ? -1 : 1));
    return candidates.slice(0, k).map((i) => {
      const item = items[i] as ItemFeature;
      let topGenre: string | undefined;
      let topWeight = 0;
      for (const genre of item.genres) {
        const weight = affinity.get(genre) ?? 0;
        if (
          weight > topWeight ||
          (weight === topWeight && weight > 0 && topGenre !== undefined && genre < topGenre)
        ) {
          topWeight = weight;
          topGenre = genre;
        }
      }
      const fresh = item.year !== null && item.year >= since;
      const reason =
        topGenre !== undefined
          ? `Popular in ${topGenre}`
          : fresh
            ? 'New arrival'
            : 'Popular on Marquee';
      return { movieId: item.movieId, score: scores[i] ?? 0, reason };
    });
  }

  function titleOf(movieId: string): string | null {
    return catalogue.items[catalogue.index.get(movieId) ?? -1]?.title ?? null;
  }

  /** A user's top `k`: fold-in over their liked films, topped up by the cold-start list. */
  function score(interactions: readonly StoredInteraction[], k: number): ScoredMovie[] {
    // Only the cold-start list needs the rated ids as strings: built when it runs.
    const ratedIds = () => new Set(interactions.map((interaction) => interaction.movieId));
    const liked: number[] = [];
    const excluded = new Set<number>();
    if (model !== undefined) {
      for (const interaction of interactions) {
        const m = model.index.get(interaction.movieId);
        if (m === undefined) continue;
        excluded.add(m);
        if (interaction.rating >= POSITIVE_THRESHOLD) liked.push(m);
      }
    }
    if (model === undefined || liked.length < COLD_START_LIKES)
      return coldStart(interactions, k, ratedIds());
    const { snapshot } = model;
    // Reasons name one of the latest REASON_LIKES liked films (interactions come oldest first).
    const reasonsFrom = liked.length > REASON_LIKES ? liked.slice(-REASON_LIKES) : undefined;
    const personal = foldIn(snapshot, liked, k, excluded, reasonsFrom).map((result) => {
      const movieId = snapshot.items[result.item] ?? '';
      const because = snapshot.items[result.because];
      const title = because === undefined ? null : titleOf(because);
      return {
        movieId,
        score: result.score,
        reason: title === null ? 'Because of films you liked' : `Because you liked ${title}`,
      };
    });
    if (personal.length >= k) return personal;
    // Not enough collaborative signal (a small or fresh model): fill with the cold-start list,
    // scaled below the last personal score so the list stays in score order.
    const chosen = new Set([...ratedIds(), ...personal.map((scored) => scored.movieId)]);
    const filler = coldStart(interactions, k - personal.length, chosen);
    const floor = personal.at(-1)?.score ?? 1;
    const top = filler[0]?.score ?? 1;
    return [
      ...personal,
      ...filler.map((scored) => ({ ...scored, score: (0.5 * floor * scored.score) / (top || 1) })),
    ];
  }

  async function computeFor(userIds: readonly string[]): Promise<Map<string, ScoredMovie[]>> {
    const interactions = await store.interactionsOf(userIds);
    const lists = new Map<string, ScoredMovie[]>();
    for (const userId of userIds)
      lists.set(userId, score(interactions.get(userId) ?? [], MAX_PAGE_SIZE));
    const version = model?.version ?? 0;
    await Promise.all(
      [...lists].map(([userId, items]) =>
        cache.set<CachedList>(topnKey(userId), { version, items }, TOPN_TTL_SECONDS),
      ),
    );
    return lists;
  }

  async function popular(genre: string | null, first: number): Promise<ScoredMovie[]> {
    await ensureLoaded();
    const pool =
      genre === null ? catalogue.items.map((_, i) => i) : (catalogue.byGenre.get(genre) ?? []);
    return pool
      .map((i) => catalogue.items[i])
      .filter((item): item is ItemFeature => item !== undefined)
      .map((item) => ({
        movieId: item.movieId,
        score: popularityOf(item.movieId),
        reason: genre === null ? 'Popular on Marquee' : `Popular in ${genre}`,
      }))
      .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
      .slice(0, first);
  }

  return {
    refresh: async () => {
      await ensureLoaded();
      await refresh();
    },
    modelVersion: () => model?.version ?? 0,
    async forUsers(userIds) {
      await ensureLoaded();
      const version = model?.version ?? 0;
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
      const before = new Set(
        (previous?.items ?? []).slice(0, NOTIFY_TOP).map((scored) => scored.movieId),
      );
      const added = items.slice(0, NOTIFY_TOP).filter((scored) => !before.has(scored.movieId));
      if (added.length > 0) {
        await pubsub.publish('recommendations.updated', {
          userId,
          addedMovieIds: added.map((scored) => scored.movieId),
          added,
          at: new Date(now()).toISOString(),
        });
      }
      return items;
    },
    async similar(movieIds) {
      await ensureLoaded();
      const result = new Map<string, ScoredMovie[]>();
      for (const movieId of movieIds) {
        const source = catalogue.index.get(movieId);
        const sourceItem = source === undefined ? undefined : catalogue.items[source];
        // Collaborative neighbours, scaled to the strongest in the row.
        const collaborative = new Map<string, number>();
        const m = model?.index.get(movieId);
        if (model !== undefined && m !== undefined) {
          const { items } = model.snapshot;
          const row = similarItems(model.snapshot, m, MAX_PAGE_SIZE);
          const strongest = row[0]?.weight ?? 0;
          for (const { item, weight } of row) {
            const id = items[item];
            if (id !== undefined && strongest > 0) collaborative.set(id, weight / strongest);
          }
        }
        const candidates = new Set<number>();
        for (const genre of sourceItem?.genres ?? [])
          for (const i of (catalogue.byGenre.get(genre) ?? []).slice(0, POSTING_CANDIDATES))
            candidates.add(i);
        for (const person of sourceItem?.people ?? [])
          for (const i of catalogue.byPerson.get(person) ?? []) candidates.add(i);
        for (const keyword of sourceItem?.keywords ?? [])
          for (const i of (catalogue.byKeyword.get(keyword) ?? []).slice(0, POSTING_CANDIDATES))
            candidates.add(i);
        const scores = new Map<string, ScoredMovie>();
        for (const i of candidates) {
          const item = catalogue.items[i];
          if (item === undefined || sourceItem === undefined || item.movieId === movieId) continue;
          const content = contentSimilarity(sourceItem, item);
          const audience = collaborative.get(item.movieId) ?? 0;
          const shared = item.genres.filter((genre) => sourceItem.genres.includes(genre));
          const reason =
            audience > content
              ? 'Liked by the same audience'
              : item.people.some((person) => sourceItem.people.includes(person))
                ? 'Shares cast or crew'
                : shared.length > 0
                  ? `Also ${shared.join(', ')}`
                  : 'Similar themes';
          scores.set(item.movieId, {
            movieId: item.movieId,
            score: 0.6 * content + 0.4 * audience,
            reason,
          });
        }
        for (const [id, audience] of collaborative) {
          if (id === movieId || scores.has(id)) continue;
          scores.set(id, {
            movieId: id,
            score: 0.4 * audience,
            reason: 'Liked by the same audience',
          });
        }
        // Popularity breaks ties between equally similar films.
        const ranked = [...scores.values()]
          .filter((scored) => scored.score > 0)
          .map((scored) => ({
            ...scored,
            score: scored.score + 0.01 * popularityOf(scored.movieId),
          }))
          .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
          .slice(0, MAX_PAGE_SIZE);
        result.set(movieId, ranked);
      }
      return result;
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
      if (list.length >= first) return list.slice(0, first);
      // A quiet window: top up with all-time popular films, below the trending ones.
      const seen = new Set(list.map((scored) => scored.movieId));
      const floor = list.at(-1)?.score ?? 1;
      const filler = (await popular(null, first + seen.size)).filter(
        (scored) => !seen.has(scored.movieId),
      );
      return [
        ...list,
        ...filler.map((scored) => ({ ...scored, score: floor * 0.5 * scored.score })),
      ].slice(0, first);
    },
    popular,
  };
}
