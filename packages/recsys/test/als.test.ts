import { describe, expect, it } from 'vitest';
import {
  alsFactors,
  alsScores,
  buildImplicitMatrix,
  deserializeSnapshot,
  evaluate,
  foldIn,
  invertSpd,
  itemsOfUser,
  latentTasteRatings,
  serializeSnapshot,
  similarItems,
  topK,
  trainAls,
  trainItemKnn,
  trainPopularity,
  trainServedModel,
  trainSnapshot,
  type Interaction,
} from '../src/index.ts';
import { tasteClusters } from './synthetic.ts';

const data = tasteClusters({ users: 400, items: 240, tastes: 4, perUser: 40, seed: 42 });
const tasteOf = (id: string | undefined) => Number(id?.slice(1)) % 4;

describe('implicit ALS', () => {
  it('ranks the planted taste first: for liked films of one taste, the top 10 are all of that taste', () => {
    const matrix = buildImplicitMatrix(data);
    const model = alsFactors(matrix);
    for (const taste of [0, 1, 2, 3]) {
      const liked = [taste, taste + 4, taste + 8].map((n) => matrix.itemIndex.get(`i${n}`) ?? -1);
      const { scores } = alsScores(model, liked);
      const top = topK(scores, 10, new Set(liked));
      expect(top.map((item) => tasteOf(matrix.items[item]))).toEqual(
        Array.from({ length: 10 }, () => taste),
      );
    }
  });

  it('is far ahead of most-popular on a time-ordered hold-out of planted tastes', () => {
    const report = evaluate(data, [trainPopularity, (m) => trainAls(m)]);
    const [popular, als] = report.models;
    expect(als?.model).toBe('als');
    expect(als?.ndcgAt10).toBeGreaterThan(1.5 * (popular?.ndcgAt10 ?? Infinity));
  });

  it('gives bit-identical factors for the same seed and different ones for another seed', () => {
    const matrix = buildImplicitMatrix(data);
    const a = alsFactors(matrix, { seed: 3, iterations: 5 });
    const b = alsFactors(matrix, { seed: 3, iterations: 5 });
    const c = alsFactors(matrix, { seed: 4, iterations: 5 });
    expect(b.itemFactors).toEqual(a.itemFactors);
    expect(b.userFactors).toEqual(a.userFactors);
    expect(b.gram).toEqual(a.gram);
    expect(c.itemFactors).not.toEqual(a.itemFactors);
  });

  it('folds a training user in to the vector training converged to', () => {
    const matrix = buildImplicitMatrix(data);
    const model = alsFactors(matrix);
    const f = model.factors;
    for (let user = 0; user < 40; user += 1) {
      const trained = model.userFactors.subarray(user * f, (user + 1) * f);
      const { vector } = alsScores(model, itemsOfUser(matrix, user));
      let dot = 0;
      let a = 0;
      let b = 0;
      for (let i = 0; i < f; i += 1) {
        dot += (trained[i] ?? 0) * (vector[i] ?? 0);
        a += (trained[i] ?? 0) ** 2;
        b += (vector[i] ?? 0) ** 2;
      }
      expect(dot / Math.sqrt(a * b)).toBeGreaterThan(0.999);
    }
  });

  it('folds in a new user as retraining with them would rank: the top 10 agree on at least 8 items', () => {
    const newcomer = data.filter((interaction) => interaction.userId === 'u5');
    const without = data.filter((interaction) => interaction.userId !== 'u5');
    const before = buildImplicitMatrix(without);
    const folded = alsScores(
      alsFactors(before),
      newcomer.filter((x) => x.rating >= 3.5).map((x) => before.itemIndex.get(x.itemId) ?? -1),
    );
    const ratedBefore = new Set(newcomer.map((x) => before.itemIndex.get(x.itemId) ?? -1));
    const foldedTop = topK(folded.scores, 10, ratedBefore).map((item) => before.items[item]);

    const after = buildImplicitMatrix(data);
    const retrained = alsFactors(after);
    const user = after.userIndex.get('u5') ?? -1;
    const f = retrained.factors;
    const vector = retrained.userFactors.subarray(user * f, (user + 1) * f);
    const scores = Float64Array.from({ length: after.items.length }, (_, j) => {
      let sum = 0;
      for (let i = 0; i < f; i += 1)
        sum += (retrained.itemFactors[j * f + i] ?? 0) * (vector[i] ?? 0);
      return sum;
    });
    const ratedAfter = new Set(newcomer.map((x) => after.itemIndex.get(x.itemId) ?? -1));
    const retrainedTop = topK(scores, 10, ratedAfter).map((item) => after.items[item]);
    expect(foldedTop.filter((id) => retrainedTop.includes(id)).length).toBeGreaterThanOrEqual(8);
    expect(new Set(foldedTop.map(tasteOf))).toEqual(new Set([tasteOf('i5')]));
  });
});

describe('ALS snapshots', () => {
  const trained = trainSnapshot(data, { model: 'als' }).snapshot;
  const index = (id: string) => trained.items.indexOf(id);

  it('is chosen above the EASE limit and carries item factors and YᵀY + λI instead of rows', () => {
    const { snapshot } = trainSnapshot(data, { easeMaxItems: 100 });
    expect(snapshot.kind).toBe('als');
    expect(snapshot.latent?.factors).toBe(32);
    expect(snapshot.latent?.itemFactors).toHaveLength(snapshot.items.length * 32);
    expect(snapshot.latent?.gram).toHaveLength(32 * 32);
    expect(snapshot.neighbours).toHaveLength(0);
  });

  it('round-trips through its binary form unchanged and scores the same after it', () => {
    const copy = deserializeSnapshot(serializeSnapshot(trained));
    expect(copy).toEqual(trained);
    const liked = ['i2', 'i6', 'i10'].map(index);
    expect(foldIn(copy, liked, 20)).toEqual(foldIn(trained, liked, 20));
  });

  it('never returns a rated film and names the liked film contributing most to each score', () => {
    const liked = ['i3', 'i7', 'i11', 'i15'].map(index);
    const disliked = ['i19', 'i23', 'i0'].map(index);
    const rated = new Set([...liked, ...disliked]);
    const results = foldIn(trained, liked, 100, rated);
    expect(results.length).toBeGreaterThan(20);
    for (const result of results) expect(rated.has(result.item)).toBe(false);
    // Brute force: score_j = Σ_i (1 + α)·y_jᵀ·A⁻¹·y_i over liked i, with A from the snapshot.
    const latent = trained.latent;
    if (latent === null) throw new Error('expected an ALS snapshot');
    const f = latent.factors;
    const y = (i: number) => Array.from(latent.itemFactors.subarray(i * f, (i + 1) * f));
    const a = Float64Array.from(latent.gram);
    for (const i of liked)
      for (let r = 0; r < f; r += 1)
        for (let c = 0; c < f; c += 1)
          a[r * f + c] = (a[r * f + c] ?? 0) + latent.alpha * (y(i)[r] ?? 0) * (y(i)[c] ?? 0);
    const inverse = invertSpd(a, f);
    const share = (j: number, i: number) => {
      let sum = 0;
      for (let r = 0; r < f; r += 1)
        for (let c = 0; c < f; c += 1)
          sum += (y(j)[r] ?? 0) * (inverse[r * f + c] ?? 0) * (y(i)[c] ?? 0);
      return (1 + latent.alpha) * sum;
    };
    for (const result of results.slice(0, 10)) {
      const shares = liked.map((i) => share(result.item, i));
      expect(shares.reduce((sum, value) => sum + value, 0)).toBeCloseTo(result.score, 4);
      expect(result.because).toBe(liked[shares.indexOf(Math.max(...shares))]);
      expect(tasteOf(trained.items[result.item])).toBe(3);
    }
    // Fewer recommended films than liked ones: the reasons are solved from the other side, alike.
    const few = foldIn(trained, liked, 3, rated);
    expect(few.map((result) => result.item)).toEqual(
      results.slice(0, 3).map((result) => result.item),
    );
    for (const result of few) {
      const shares = liked.map((i) => share(result.item, i));
      expect(result.because).toBe(liked[shares.indexOf(Math.max(...shares))]);
    }
    // Reasons bounded to some liked films: same scores, each reason the best of those films.
    const recent = liked.slice(-2);
    const bounded = foldIn(trained, liked, 100, rated, recent);
    expect(bounded.map(({ item, score }) => ({ item, score }))).toEqual(
      results.map(({ item, score }) => ({ item, score })),
    );
    for (const result of bounded.slice(0, 10)) {
      const shares = recent.map((i) => share(result.item, i));
      expect(result.because).toBe(recent[shares.indexOf(Math.max(...shares))]);
    }
  });

  it('finds similar films by the cosine of item factors, never the film itself', () => {
    const similar = similarItems(trained, index('i2'), 10);
    expect(similar).toHaveLength(10);
    expect(similar.map((s) => s.item)).not.toContain(index('i2'));
    expect(similar.every((s) => tasteOf(trained.items[s.item]) === 2)).toBe(true);
    const weights = similar.map((s) => s.weight);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
  });

  it('still reads format-1 snapshots (neighbour rows only) and names the formats it reads otherwise', () => {
    // Format 1 held no rating model.
    const ease = trainSnapshot(data, { rating: false }).snapshot;
    // Format 1 wrote the same layout without ALS fields in the header.
    const header = Buffer.from(
      JSON.stringify({
        kind: ease.kind,
        trainedAt: ease.trainedAt,
        items: ease.items,
        nnz: ease.neighbours.length,
      }),
    );
    const padded = 12 + header.length + ((4 - ((12 + header.length) % 4)) % 4);
    const arrays = [ease.rowStart, ease.neighbours, ease.weights, ease.popularity];
    const v1 = Buffer.alloc(padded + arrays.reduce((sum, array) => sum + array.byteLength, 0));
    v1.write('MQRS', 0, 'latin1');
    v1.writeUInt32LE(1, 4);
    v1.writeUInt32LE(header.length, 8);
    header.copy(v1, 12);
    let offset = padded;
    for (const array of arrays) {
      v1.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset += array.byteLength;
    }
    // Snapshots written before recency weighting score every liked film alike.
    expect(deserializeSnapshot(v1)).toEqual({ ...ease, recencyHalfLife: 0 });
    // Written as format 1 still when there are no factors; format 2 only for ALS; format 3 with
    // a rating model.
    expect(Buffer.from(serializeSnapshot(ease)).readUInt32LE(4)).toBe(1);
    expect(Buffer.from(serializeSnapshot({ ...trained, rating: null })).readUInt32LE(4)).toBe(2);
    expect(Buffer.from(serializeSnapshot(trained)).readUInt32LE(4)).toBe(3);
    const future = Buffer.from(serializeSnapshot(ease));
    future.writeUInt32LE(99, 4);
    expect(() => deserializeSnapshot(future)).toThrow(
      /format 99 is not readable by this version \(reads formats 1, 2, 3\)/,
    );
  });
});

describe('latent-taste synthetic ratings', () => {
  const generate = (seed: number) => {
    const out: Interaction[] = [];
    let user = 0;
    for (const list of latentTasteRatings({
      users: 600,
      items: 1_000,
      ratings: 40_000,
      seed,
    }).users()) {
      for (const { item, rating, at } of list)
        out.push({ userId: `u${user}`, itemId: `m${item}`, rating, at: at * 1000 });
      user += 1;
    }
    return out;
  };

  it('is deterministic per seed, meets the rating count exactly, one rating per user and film, in time order', () => {
    const a = generate(5);
    expect(generate(5)).toEqual(a);
    expect(generate(6)).not.toEqual(a);
    expect(a).toHaveLength(40_000);
    expect(new Set(a.map((x) => `${x.userId}:${x.itemId}`)).size).toBe(40_000);
    for (let i = 1; i < a.length; i += 1)
      if (a[i]?.userId === a[i - 1]?.userId) expect(a[i]?.at).toBeGreaterThan(a[i - 1]?.at ?? 0);
    const positive = a.filter((x) => x.rating >= 3.5).length / a.length;
    expect(positive).toBeGreaterThan(0.4);
    expect(positive).toBeLessThan(0.7);
    expect(a.every((x) => x.rating >= 0.5 && x.rating <= 5 && Number.isInteger(x.rating * 2))).toBe(
      true,
    );
  });

  it('has structure the shipped large-catalogue model finds: ALS ahead of item-kNN and far ahead of most-popular', () => {
    const report = evaluate(generate(5), [
      trainPopularity,
      (m) => trainItemKnn(m),
      (m) => trainServedModel(m, { easeMaxItems: 0 }),
    ]);
    const [popular, knn, served] = report.models;
    expect(served?.model).toBe('served (als, 32 factors)');
    expect(served?.ndcgAt10).toBeGreaterThan(knn?.ndcgAt10 ?? Infinity);
    expect(served?.ndcgAt10).toBeGreaterThan(1.5 * (popular?.ndcgAt10 ?? Infinity));
  });
});
