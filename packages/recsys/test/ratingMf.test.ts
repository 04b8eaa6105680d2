import { describe, expect, it } from 'vitest';
import {
  ratingColumnsOf,
  deserializeSnapshot,
  evaluateRatings,
  foldInRatings,
  predictRating,
  random,
  ratingColumns,
  serializeSnapshot,
  trainRatingModel,
  trainSnapshot,
  type Interaction,
} from '../src/index.ts';

/**
 * Ratings from two hidden tastes plus a per-film quality and noise, 1–5 stars: biases alone see
 * the quality, factors see the tastes.
 */
function tasteRatings(seed: number): Interaction[] {
  const next = random(seed);
  const users = Array.from({ length: 120 }, () => (next() < 0.5 ? -1 : 1));
  const films = Array.from({ length: 60 }, () => ({
    taste: next() < 0.5 ? -1 : 1,
    quality: next() - 0.5,
  }));
  const ratings: Interaction[] = [];
  users.forEach((taste, u) =>
    films.forEach((film, i) => {
      if (next() < 0.6) return;
      const value = 3 + 1.2 * taste * film.taste + film.quality + (next() - 0.5) * 0.6;
      ratings.push({
        userId: `u${u}`,
        itemId: `m${i}`,
        rating: Math.min(5, Math.max(1, Math.round(value))),
        at: u * 1000 + i,
      });
    }),
  );
  return ratings;
}

const data = tasteRatings(3);
const test = data.filter((_, n) => n % 5 === 0);
const train = data.filter((_, n) => n % 5 !== 0);

describe('the rating model (biased MF by ALS, residual item-kNN)', () => {
  it('predicts held-out ratings far better than the biases alone, trained or folded in', () => {
    const [baseline, mf, withNeighbours, served] = evaluateRatings(train, test);
    expect(baseline?.model).toBe('baseline (biases)');
    expect(mf?.rmse).toBeLessThan(0.7 * (baseline?.rmse ?? 0));
    expect(withNeighbours?.rmse).toBeLessThan(0.7 * (baseline?.rmse ?? 0));
    // Serving folds a user in exactly as training's last user step solves them.
    expect(Math.abs((served?.rmse ?? 0) - (withNeighbours?.rmse ?? 0))).toBeLessThan(0.02);
    for (const report of [baseline, mf, withNeighbours, served])
      expect(report?.mae).toBeLessThanOrEqual(report?.rmse ?? 0);
  });

  it('is deterministic for a seed and keeps predictions on the training scale', () => {
    const columns = ratingColumns(train);
    const a = trainRatingModel(columns);
    const b = trainRatingModel(columns);
    expect(a.model.itemFactors).toEqual(b.model.itemFactors);
    expect(a.model.residual?.similarity).toEqual(b.model.residual?.similarity);
    const lover = foldInRatings(
      a.model,
      Array.from({ length: 20 }, (_, item) => ({ item, rating: 5 })),
    );
    const hater = foldInRatings(
      a.model,
      Array.from({ length: 20 }, (_, item) => ({ item, rating: 1 })),
    );
    for (let item = 0; item < 60; item += 1) {
      for (const user of [lover, hater]) {
        const value = predictRating(a.model, user, item);
        expect(value).toBeGreaterThanOrEqual(1);
        expect(value).toBeLessThanOrEqual(5);
      }
      expect(predictRating(a.model, lover, item)).toBeGreaterThan(
        predictRating(a.model, hater, item),
      );
    }
    // No ratings: the baseline μ + bᵢ; a film the model does not know: μ + bᵤ.
    const nobody = foldInRatings(a.model, []);
    expect(predictRating(a.model, nobody, 0)).toBeCloseTo(
      a.model.mean + (a.model.itemBias[0] ?? 0),
      5,
    );
    expect(predictRating(a.model, lover, 10_000)).toBeCloseTo(
      Math.min(5, a.model.mean + lover.bias),
      5,
    );
  });

  it('travels in the model snapshot and predicts the same after a round trip', () => {
    const { snapshot } = trainSnapshot(train);
    expect(snapshot.rating).not.toBeNull();
    const copy = deserializeSnapshot(serializeSnapshot(snapshot));
    expect(copy.rating).toEqual(snapshot.rating);
    const rated = [
      { item: 0, rating: 5 },
      { item: 3, rating: 2 },
    ];
    const byItem = new Map(rated.map((r) => [r.item, r.rating]));
    const [original, restored] = [snapshot, copy].map((s) => {
      const model = s.rating;
      if (model === null) throw new Error('no rating model');
      return predictRating(model, foldInRatings(model, rated), 7, byItem);
    });
    expect(restored).toBe(original);
    expect(trainSnapshot(train, { rating: false }).snapshot.rating).toBeNull();
    // Capped: an even sample of the ratings, still a working model on the same film indices.
    const sampled = trainSnapshot(train, { ratingSample: Math.floor(train.length / 4) }).snapshot;
    expect(sampled.rating?.itemBias.length).toBe(snapshot.items.length);
    expect(sampled.rating?.itemBias).not.toEqual(snapshot.rating?.itemBias);
  });

  it('samples whole histories of every k-th user above the cap, and keeps everything below it', () => {
    const interactions = Array.from({ length: 40 }, (_, n) => ({
      userId: `u${n % 8}`,
      itemId: `m${n % 5}`,
      rating: 1 + (n % 5),
      at: n,
    }));
    const userIndex = new Map(Array.from({ length: 8 }, (_, u) => [`u${u}`, u]));
    const itemIndex = new Map(Array.from({ length: 5 }, (_, i) => [`m${i}`, i]));
    const whole = ratingColumnsOf(interactions, 40, 40, userIndex, itemIndex);
    expect(whole.ratings.length).toBe(40);
    // A cap of 10 out of 40: every 4th user (users 0 and 4), each with all 5 of their ratings.
    const sampled = ratingColumnsOf(interactions, 40, 10, userIndex, itemIndex);
    expect([...new Set(sampled.users)]).toEqual([0, 4]);
    expect(sampled.ratings.length).toBe(10);
    expect(sampled.userCount).toBe(8);
    // Every 2nd user of 70 ratings for a cap of 35; a heavy rater among them is kept whole (users
    // 0, 2, 4, 6: 4 × 5 ratings plus user 0's 30 more), past the expected size.
    const heavy = [
      ...interactions,
      ...Array.from({ length: 30 }, (_, n) => ({
        userId: 'u0',
        itemId: 'm1',
        rating: 4,
        at: 100 + n,
      })),
    ];
    expect(ratingColumnsOf(heavy, 70, 35, userIndex, itemIndex).ratings.length).toBe(50);
  });
});
