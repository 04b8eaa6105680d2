import {
  contentSimilarity,
  foldIn,
  foldInRatings,
  POSITIVE_THRESHOLD,
  predictRating,
  similarItems,
  topKMasked,
} from '@marquee/recsys';
import type { ItemFeature, ScoredMovie, StoredInteraction } from '../stores/recommendationStore.ts';
import { itemOf, type Catalogue, type LoadedModel, type Served } from './catalogue.ts';

/**
 * Pure scoring over what is served (catalogue and model): no I/O, no cache, no clock (the caller
 * passes the first year that counts as new). Everything here degrades to popularity and content
 * when no model exists yet.
 */

/** Users with fewer liked films than this get the cold-start list (genres + popularity). */
export const COLD_START_LIKES = 3;
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

/** The earliest year whose films are "New arrival"s at `now` (computed once per list, not per film). */
export function newArrivalSince(now: number): number {
  return new Date(now).getUTCFullYear() - NEW_ARRIVAL_YEARS;
}

/** Popularity in [0, 1]: the catalogue's own (outside) popularity blended with the model's liked-count. */
export function popularityOf({ catalogue, model }: Served, movieId: string): number {
  const item = itemOf(catalogue, movieId);
  const outside =
    item !== undefined && catalogue.maxPopularity > 0
      ? item.popularity / catalogue.maxPopularity
      : 0;
  if (model === undefined || model.maxPopularity === 0) return outside;
  const m = model.index.get(movieId);
  const inside = m === undefined ? 0 : (model.snapshot.popularity[m] ?? 0) / model.maxPopularity;
  return 0.5 * outside + 0.5 * inside;
}

/**
 * Each film's score before genres — `popularityOf` plus 0.3 if new — on catalogue indices,
 * computed once per catalogue, model and year of "new", so a cold-start list over 60,000 films
 * does no string lookups and reads no film objects per film.
 */
const baseByCatalogue = new WeakMap<
  Catalogue,
  { model: LoadedModel | undefined; since: number; values: Float64Array }
>();

function baseScores(served: Served, since: number): Float64Array {
  const cached = baseByCatalogue.get(served.catalogue);
  if (cached !== undefined && cached.model === served.model && cached.since === since)
    return cached.values;
  const values = Float64Array.from(served.catalogue.items, (item) => {
    const fresh = item.year !== null && item.year >= since;
    return popularityOf(served, item.movieId) + (fresh ? 0.3 : 0);
  });
  baseByCatalogue.set(served.catalogue, { model: served.model, since, values });
  return values;
}

/**
 * Catalogue-sized work arrays of the cold-start list, one set per catalogue, reused by every call
 * (it runs to completion synchronously): fresh ones were about 1 MB of garbage per list at
 * 60,000 films. Each use resets what it reads.
 */
const coldScratch = new WeakMap<
  Catalogue,
  { genreScores: Float64Array; scores: Float64Array; excluded: Uint8Array }
>();

function scratchFor(catalogue: Catalogue) {
  let scratch = coldScratch.get(catalogue);
  if (scratch === undefined) {
    const n = catalogue.items.length;
    scratch = {
      genreScores: new Float64Array(n),
      scores: new Float64Array(n),
      excluded: new Uint8Array(n),
    };
    coldScratch.set(catalogue, scratch);
  }
  return scratch;
}

/**
 * Genre affinity from liked films, popularity and freshness: for users the model cannot score yet,
 * and to top up a short personal list. Cost: one pass over the catalogue's typed arrays, the
 * genre postings of the user's liked genres, and a heap for the top k — not a sort of the whole
 * catalogue (which, with a string lookup or two per film, was 30–40 ms at 60,000 films).
 */
export function coldStart(
  served: Served,
  interactions: readonly StoredInteraction[],
  k: number,
  exclude: ReadonlySet<string>,
  since: number,
): ScoredMovie[] {
  const { catalogue } = served;
  if (k <= 0) return [];
  const affinity = new Map<string, number>();
  for (const interaction of interactions) {
    if (interaction.rating < POSITIVE_THRESHOLD) continue;
    const item = itemOf(catalogue, interaction.movieId);
    for (const genre of item?.genres ?? [])
      affinity.set(genre, (affinity.get(genre) ?? 0) + interaction.rating - 2.5);
  }
  let total = 0;
  for (const weight of affinity.values()) total += weight;
  // Scores first, objects and reasons only for the k kept: a list costs k objects, not one per film.
  const { items } = catalogue;
  const n = items.length;
  const { genreScores, scores, excluded } = scratchFor(catalogue);
  genreScores.fill(0);
  excluded.fill(0);
  if (total > 0)
    for (const [genre, weight] of affinity)
      for (const i of catalogue.byGenre.get(genre) ?? [])
        genreScores[i] = (genreScores[i] ?? 0) + weight;
  const base = baseScores(served, since);
  const share = total > 0 ? 1 / total : 0;
  for (let i = 0; i < n; i += 1) scores[i] = (base[i] ?? 0) + (genreScores[i] ?? 0) * share;
  for (const movieId of exclude) {
    const i = catalogue.index.get(movieId);
    if (i !== undefined) excluded[i] = 1;
  }
  // The k best by score, ties by movie id: every film scoring at least the k-th best score (the
  // heap's ties go by index, so all of the k-th score's ties are taken), then ordered exactly.
  const best = topKMasked(scores, k, excluded);
  const floor = best.length < k ? -Infinity : (scores[best.at(-1) ?? 0] ?? 0);
  const candidates: number[] = [];
  for (let i = 0; i < n; i += 1)
    if (excluded[i] === 0 && (scores[i] ?? 0) >= floor) candidates.push(i);
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

/** A user's top `k`: fold-in over their liked films, topped up by the cold-start list. */
export function scoreUser(
  served: Served,
  interactions: readonly StoredInteraction[],
  k: number,
  since: number,
): ScoredMovie[] {
  const { catalogue, model } = served;
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
    return coldStart(served, interactions, k, ratedIds(), since);
  const { snapshot } = model;
  // Reasons name one of the latest REASON_LIKES liked films (interactions come oldest first).
  const reasonsFrom = liked.length > REASON_LIKES ? liked.slice(-REASON_LIKES) : undefined;
  const personal = foldIn(snapshot, liked, k, excluded, reasonsFrom).map((result) => {
    const movieId = snapshot.items[result.item] ?? '';
    const because = snapshot.items[result.because];
    const title = because === undefined ? null : (itemOf(catalogue, because)?.title ?? null);
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
  const filler = coldStart(served, interactions, k - personal.length, chosen, since);
  const floor = personal.at(-1)?.score ?? 1;
  const top = filler[0]?.score ?? 1;
  return [
    ...personal,
    ...filler.map((scored) => ({ ...scored, score: (0.5 * floor * scored.score) / (top || 1) })),
  ];
}

/** Films like `movieId`: content overlap and, with a model, the same audience; best `k` first. */
export function similarTo(served: Served, movieId: string, k: number): ScoredMovie[] {
  const { catalogue, model } = served;
  const sourceItem = itemOf(catalogue, movieId);
  // Collaborative neighbours, scaled to the strongest in the row.
  const collaborative = new Map<string, number>();
  const m = model?.index.get(movieId);
  if (model !== undefined && m !== undefined) {
    const { items } = model.snapshot;
    const row = similarItems(model.snapshot, m, k);
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
    scores.set(id, { movieId: id, score: 0.4 * audience, reason: 'Liked by the same audience' });
  }
  // Popularity breaks ties between equally similar films.
  return [...scores.values()]
    .filter((scored) => scored.score > 0)
    .map((scored) => ({
      ...scored,
      score: scored.score + 0.01 * popularityOf(served, scored.movieId),
    }))
    .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
    .slice(0, k);
}

/** The most popular films, overall or in one genre. */
export function popularIn(served: Served, genre: string | null, first: number): ScoredMovie[] {
  const { catalogue } = served;
  const pool =
    genre === null ? catalogue.items.map((_, i) => i) : (catalogue.byGenre.get(genre) ?? []);
  return pool
    .map((i) => catalogue.items[i])
    .filter((item): item is ItemFeature => item !== undefined)
    .map((item) => ({
      movieId: item.movieId,
      score: popularityOf(served, item.movieId),
      reason: genre === null ? 'Popular on Marquee' : `Popular in ${genre}`,
    }))
    .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
    .slice(0, first);
}

/** A quiet trending window topped up with all-time popular films, ranked below the trending ones. */
export function topUpTrending(
  trending: readonly ScoredMovie[],
  first: number,
  popular: (count: number) => ScoredMovie[],
): ScoredMovie[] {
  if (trending.length >= first) return trending.slice(0, first);
  const seen = new Set(trending.map((scored) => scored.movieId));
  const floor = trending.at(-1)?.score ?? 1;
  const filler = popular(first + seen.size).filter((scored) => !seen.has(scored.movieId));
  return [
    ...trending,
    ...filler.map((scored) => ({ ...scored, score: floor * 0.5 * scored.score })),
  ].slice(0, first);
}

/**
 * The user's predicted rating of each film, from the served rating model with the user folded in
 * from their current ratings (one (f + 1)² solve, so a rating given a second ago counts, and a
 * user newer than the model is predicted like any other; no ratings at all: μ + bᵢ, the
 * baseline). Null for a film the user rated and for every film when the snapshot has no rating
 * model. A film newer than the model gets μ + bᵤ.
 */
export function predictRatings(
  { model }: Served,
  ratings: readonly StoredInteraction[],
  movieIds: readonly string[],
): (number | null)[] {
  const rating = model?.snapshot.rating ?? null;
  if (model === undefined || rating === null) return movieIds.map(() => null);
  const rated = new Set(ratings.map((r) => r.movieId));
  const known = ratings.map((r) => ({ item: model.index.get(r.movieId) ?? -1, rating: r.rating }));
  const user = foldInRatings(rating, known);
  const byItem = new Map(known.filter((r) => r.item >= 0).map((r) => [r.item, r.rating]));
  return movieIds.map((movieId) =>
    rated.has(movieId) ? null : predictRating(rating, user, model.index.get(movieId) ?? -1, byItem),
  );
}
