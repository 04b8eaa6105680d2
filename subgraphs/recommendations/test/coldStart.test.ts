import { describe, expect, it } from 'vitest';
import { buildCatalogue, type Served } from '../src/serving/catalogue.ts';
import { coldStart, popularityOf } from '../src/serving/scoring.ts';
import type { ItemFeature, StoredInteraction } from '../src/stores/recommendationStore.ts';

const genres = ['Drama', 'Comedy', 'Sci-Fi', 'Crime', 'Horror'];

/** 6,000 films with few distinct popularities and years, so many scores tie. */
function films(count: number): ItemFeature[] {
  return Array.from({ length: count }, (_, i) => ({
    movieId: `m${(i * 7919) % count}`,
    title: `Film ${i}`,
    genres: [genres[i % 5] ?? 'Drama', ...(i % 3 === 0 ? [genres[(i + 2) % 5] ?? 'Drama'] : [])],
    keywords: [],
    people: [],
    year: i % 11 === 0 ? null : 2000 + (i % 26),
    popularity: i % 13,
  }));
}

/** The cold-start list as first written: every film scored, the whole catalogue sorted. */
function reference(
  served: Served,
  interactions: StoredInteraction[],
  k: number,
  exclude: ReadonlySet<string>,
  since: number,
) {
  const byId = new Map(served.catalogue.items.map((item) => [item.movieId, item]));
  const affinity = new Map<string, number>();
  for (const x of interactions)
    if (x.rating >= 3.5)
      for (const genre of byId.get(x.movieId)?.genres ?? [])
        affinity.set(genre, (affinity.get(genre) ?? 0) + x.rating - 2.5);
  const total = [...affinity.values()].reduce((a, b) => a + b, 0);
  return served.catalogue.items
    .filter((item) => !exclude.has(item.movieId))
    .map((item) => {
      const genreScore = item.genres.reduce((sum, genre) => sum + (affinity.get(genre) ?? 0), 0);
      const fresh = item.year !== null && item.year >= since;
      return {
        movieId: item.movieId,
        score:
          popularityOf(served, item.movieId) +
          (total > 0 ? genreScore / total : 0) +
          (fresh ? 0.3 : 0),
      };
    })
    .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
    .slice(0, k);
}

describe('cold-start list', () => {
  const served: Served = { catalogue: buildCatalogue(films(6_000), 'f'), model: undefined };

  it('ranks as a full sort of the catalogue would, ties by film id, without the excluded films', () => {
    const users: StoredInteraction[][] = [
      [],
      [{ movieId: 'm5', rating: 5, at: 1 }],
      [
        { movieId: 'm1', rating: 4, at: 1 },
        { movieId: 'm2', rating: 4.5, at: 2 },
        { movieId: 'm3', rating: 2, at: 3 },
      ],
    ];
    for (const interactions of users) {
      for (const k of [1, 20, 100]) {
        const exclude = new Set(['m0', 'm13', ...interactions.map((x) => x.movieId)]);
        const list = coldStart(served, interactions, k, exclude, 2024);
        const expected = reference(served, interactions, k, exclude, 2024);
        expect(list.map((x) => x.movieId)).toEqual(expected.map((x) => x.movieId));
        list.forEach((x, n) => expect(x.score).toBeCloseTo(expected[n]?.score ?? NaN, 12));
        for (const x of list) expect(exclude.has(x.movieId)).toBe(false);
      }
    }
  });

  it('returns the whole catalogue when k exceeds it, and nothing for k = 0', () => {
    const small: Served = { catalogue: buildCatalogue(films(40), 's'), model: undefined };
    expect(coldStart(small, [], 100, new Set(['m1']), 2024)).toHaveLength(39);
    expect(coldStart(small, [], 0, new Set(), 2024)).toEqual([]);
  });
});
