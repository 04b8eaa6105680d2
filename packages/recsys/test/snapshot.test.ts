import { describe, expect, it } from 'vitest';
import {
  buildImplicitMatrix,
  chooseModel,
  contentSimilarity,
  deserializeSnapshot,
  evaluate,
  foldIn,
  headOf,
  itemKnnNeighbours,
  SEQUENTIAL_DEFAULTS,
  serializeSnapshot,
  snapshotBytes,
  trainEase,
  trainPopularity,
  trainServedModel,
  trainSnapshot,
} from '../src/index.ts';
import { tasteClusters, tasteJourneys } from './synthetic.ts';

const data = tasteClusters({ users: 200, items: 120, tastes: 4, perUser: 25, seed: 7 });

describe('model snapshots', () => {
  it('round-trips through its binary form unchanged', () => {
    const { snapshot } = trainSnapshot(data);
    const bytes = serializeSnapshot(snapshot);
    // A view at an odd offset, as a driver may hand back, must still decode.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const copy = deserializeSnapshot(shifted.subarray(1));
    expect(copy).toEqual(snapshot);
    expect(snapshotBytes(copy)).toBe(snapshotBytes(snapshot));
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(() => deserializeSnapshot(Buffer.from('not a snapshot'))).toThrow(
      /not a model snapshot/,
    );
  });

  it('trains sequence-aware EASE at every catalogue size, ALS above a limit when one is set, and item-kNN when asked for', () => {
    expect(trainSnapshot(data).snapshot.kind).toBe('ease');
    expect(trainSnapshot(data, { easeMaxItems: 50 }).snapshot.kind).toBe('als');
    expect(trainSnapshot(data, { model: 'item-knn' }).snapshot.kind).toBe('item-knn');
    expect(chooseModel(6_000)).toBe('ease');
    expect(chooseModel(60_000)).toBe('ease');
    expect(chooseModel(6_001, { easeMaxItems: 6_000 })).toBe('als');
  });

  it('learns only the head: films outside the most liked get no row and appear in no row', () => {
    const { snapshot } = trainSnapshot(data, { sequence: { headItems: 30 } });
    const matrix = buildImplicitMatrix(data);
    const head = new Set(headOf(matrix, 30, 1));
    expect(head.size).toBe(30);
    for (let i = 0; i < snapshot.items.length; i += 1) {
      const row = snapshot.neighbours.subarray(snapshot.rowStart[i], snapshot.rowStart[i + 1]);
      const item = matrix.itemIndex.get(snapshot.items[i] ?? '') ?? -1;
      if (!head.has(item)) expect(row.length).toBe(0);
      for (const j of row)
        expect(head.has(matrix.itemIndex.get(snapshot.items[j] ?? '') ?? -1)).toBe(true);
    }
  });

  it('trains the head chosen on validation by default, as `marquee train` does: the 2,000 most liked films', () => {
    // 2,000 films liked twice each (user u likes u, then u + 1) and 50 rarer ones liked once.
    const interactions = [];
    for (let u = 0; u < 2_000; u += 1)
      for (const [k, film] of [u, (u + 1) % 2_000].entries())
        interactions.push({ userId: `u${u}`, itemId: `m${film}`, rating: 5, at: k });
    for (let f = 2_000; f < 2_050; f += 1)
      interactions.push({ userId: `r${f}`, itemId: `m${f}`, rating: 5, at: 0 });
    expect(SEQUENTIAL_DEFAULTS.headItems).toBe(2_000);
    const { snapshot } = trainSnapshot(interactions, { rating: false });
    const rowLength = (film: number) => {
      const i = snapshot.items.indexOf(`m${film}`);
      return (snapshot.rowStart[i + 1] ?? 0) - (snapshot.rowStart[i] ?? 0);
    };
    for (let f = 0; f < 2_000; f += 1) expect(rowLength(f)).toBeGreaterThan(0);
    for (let f = 2_000; f < 2_050; f += 1) expect(rowLength(f)).toBe(0);
    const inRows = new Set([...snapshot.neighbours].map((j) => snapshot.items[j]));
    for (let f = 2_000; f < 2_050; f += 1) expect(inRows.has(`m${f}`)).toBe(false);
  }, 120_000);

  it('keeps at most the configured neighbours per item, best first', () => {
    const { snapshot } = trainSnapshot(data, { neighbours: 5 });
    for (let i = 0; i < snapshot.items.length; i += 1) {
      const start = snapshot.rowStart[i] ?? 0;
      const row = [...snapshot.weights.subarray(start, snapshot.rowStart[i + 1])];
      expect(row.length).toBeLessThanOrEqual(5);
      expect(row).toEqual([...row].sort((a, b) => b - a));
    }
  });

  it('folds in liked items: excludes what the user rated and names the strongest liked item', () => {
    const { snapshot } = trainSnapshot(data);
    const index = (id: string) => snapshot.items.indexOf(id);
    // Taste 1 items are i1, i5, i9, ... (item % 4 === 1).
    const liked = ['i1', 'i5', 'i9'].map(index);
    const results = foldIn(snapshot, liked, 10, new Set([...liked, index('i13')]));
    expect(results.length).toBe(10);
    for (const result of results) {
      expect([...liked, index('i13')]).not.toContain(result.item);
      expect(liked).toContain(result.because);
    }
    const sameTaste = results.filter(
      (result) => Number(snapshot.items[result.item]?.slice(1)) % 4 === 1,
    ).length;
    expect(sameTaste).toBeGreaterThanOrEqual(7);
  });

  it('weights popularity by recency: a recent like counts more than an old one', () => {
    const day = 86_400_000;
    const { snapshot } = trainSnapshot(
      [
        { userId: 'a', itemId: 'old', rating: 5, at: 0 },
        { userId: 'b', itemId: 'new', rating: 5, at: 365 * day },
        { userId: 'c', itemId: 'disliked', rating: 1, at: 365 * day },
      ],
      { popularityHalfLifeDays: 365 },
    );
    const pop = (id: string) => snapshot.popularity[snapshot.items.indexOf(id)];
    expect(pop('new')).toBeCloseTo(1);
    expect(pop('old')).toBeCloseTo(0.5);
    expect(pop('disliked')).toBe(0);
  });
});

describe('sparse item-kNN', () => {
  it('finds the same neighbours as brute-force cosine, best first, ties by lower index', () => {
    const matrix = buildImplicitMatrix(
      tasteClusters({ users: 120, items: 60, tastes: 3, perUser: 15, seed: 5 }),
    );
    const n = matrix.items.length;
    const users = (i: number) => {
      const set = new Set<number>();
      for (let u = 0; u < matrix.users.length; u += 1) {
        if (matrix.itemsOf.subarray(matrix.rowStart[u], matrix.rowStart[u + 1]).includes(i))
          set.add(u);
      }
      return set;
    };
    const sets = Array.from({ length: n }, (_, i) => users(i));
    const k = 7;
    const { neighbourIndex, neighbourSim } = itemKnnNeighbours(matrix, { neighbours: k });
    for (let i = 0; i < n; i += 1) {
      const a = sets[i] ?? new Set<number>();
      const expected = Array.from({ length: n }, (_, j) => {
        const b = sets[j] ?? new Set<number>();
        const shared = [...a].filter((u) => b.has(u)).length;
        return { j, sim: j === i || shared === 0 ? 0 : shared / Math.sqrt(a.size * b.size) };
      })
        .filter((x) => x.sim > 0)
        .sort((x, y) => y.sim - x.sim || x.j - y.j)
        .slice(0, k);
      expect([...neighbourIndex.subarray(i * k, i * k + expected.length)]).toEqual(
        expected.map((x) => x.j),
      );
      expected.forEach((x, slot) => expect(neighbourSim[i * k + slot]).toBeCloseTo(x.sim, 5));
    }
  });
});

describe('recency at serving', () => {
  const { snapshot } = trainSnapshot(data);
  const order = (result: { item: number; score: number }[]) => result.map((r) => r.item);

  it('weighs a history no longer than the half-life evenly, in whatever order it was liked', () => {
    expect(snapshot.recencyHalfLife).toBe(12);
    const liked = [3, 17, 42, 58, 90];
    const forward = foldIn(snapshot, liked, 20, new Set(liked));
    const backward = foldIn(snapshot, [...liked].reverse(), 20, new Set(liked));
    expect(order(backward)).toEqual(order(forward));
    backward.forEach((r, n) => expect(r.score).toBeCloseTo(forward[n]?.score ?? NaN, 9));
  });

  it('lets the latest likes lead in a longer history', () => {
    const liked = Array.from({ length: 40 }, (_, n) => n * 3);
    const forward = foldIn(snapshot, liked, 20, new Set(liked));
    const backward = foldIn(snapshot, [...liked].reverse(), 20, new Set(liked));
    expect(order(backward)).not.toEqual(order(forward));
  });
});

describe('the served model offline', () => {
  it('keeps the quality of dense EASE in its EASE part (head and pruning), far ahead of most-popular on NDCG@10', () => {
    const ratings = tasteClusters({ users: 600, items: 300, tastes: 6, perUser: 30, seed: 11 });
    const report = evaluate(ratings, [
      trainPopularity,
      (m) => trainEase(m, { lambda: SEQUENTIAL_DEFAULTS.lambda }),
      (m) =>
        trainServedModel(m, {
          neighbours: 100,
          sequence: { transitionWeight: 0, recencyHalfLife: 0 },
        }),
    ]);
    const [popular, dense, served] = report.models;
    expect(served?.model).toBe('served (ease, recency 0)');
    expect(served?.ndcgAt10).toBeGreaterThan(0.98 * (dense?.ndcgAt10 ?? Infinity));
    expect(served?.ndcgAt10).toBeGreaterThan(1.5 * (popular?.ndcgAt10 ?? Infinity));
    expect(served?.bytes).toBeLessThan(dense?.bytes ?? 0);
  });

  it('ranks what users like next above dense EASE when taste follows an order', () => {
    const ratings = tasteJourneys({ users: 300, items: 240, tastes: 4, perUser: 25, seed: 3 });
    const report = evaluate(ratings, [
      (m) => trainEase(m, { lambda: SEQUENTIAL_DEFAULTS.lambda }),
      (m) => trainServedModel(m),
    ]);
    const [dense, served] = report.models;
    expect(served?.model).toBe('served (ease + transitions ×2, recency 12)');
    expect(served?.ndcgAt10).toBeGreaterThan(1.05 * (dense?.ndcgAt10 ?? Infinity));
  });
});

describe('content similarity', () => {
  it('is 1 for identical features and grows with shared genres, people and keywords', () => {
    const alien = {
      genres: ['Horror', 'Sci-Fi'],
      people: ['scott', 'weaver'],
      keywords: ['space'],
    };
    expect(contentSimilarity(alien, alien)).toBe(1);
    const aliens = { genres: ['Action', 'Sci-Fi'], people: ['weaver'], keywords: ['space'] };
    const heat = { genres: ['Crime', 'Drama'], people: ['pacino'], keywords: ['heist'] };
    expect(contentSimilarity(alien, aliens)).toBeGreaterThan(contentSimilarity(alien, heat));
    expect(contentSimilarity(alien, heat)).toBe(0);
  });
});
