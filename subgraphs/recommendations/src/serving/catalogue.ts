import { deserializeSnapshot, type ModelSnapshot } from '@marquee/recsys';
import type { ItemFeature } from '../stores/recommendationStore.ts';

/** The item catalogue in memory, with postings per genre, person and keyword. */
export interface Catalogue {
  fingerprint: string;
  items: ItemFeature[];
  index: Map<string, number>;
  byGenre: Map<string, number[]>;
  byPerson: Map<string, number[]>;
  byKeyword: Map<string, number[]>;
  maxPopularity: number;
}

/** The served model snapshot, with its item index. */
export interface LoadedModel {
  version: number;
  snapshot: ModelSnapshot;
  index: Map<string, number>;
  maxPopularity: number;
}

/** What scoring reads: the catalogue and, once a model is trained, the model. */
export interface Served {
  catalogue: Catalogue;
  model: LoadedModel | undefined;
}

export function buildCatalogue(items: ItemFeature[], fingerprint: string): Catalogue {
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

export function loadModel(version: number, data: Uint8Array): LoadedModel {
  const snapshot = deserializeSnapshot(data);
  let maxPopularity = 0;
  for (const value of snapshot.popularity) maxPopularity = Math.max(maxPopularity, value);
  return {
    version,
    snapshot,
    index: new Map(snapshot.items.map((id, i) => [id, i])),
    maxPopularity,
  };
}

export const itemOf = (catalogue: Catalogue, movieId: string): ItemFeature | undefined =>
  catalogue.items[catalogue.index.get(movieId) ?? -1];
