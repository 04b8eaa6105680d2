import { random } from './random.ts';

export interface LatentTasteOptions {
  users: number;
  items: number;
  /** Total ratings; met exactly whenever users × items allows it (each user rates an item once). */
  ratings: number;
  seed: number;
  /** Visible tastes: every item lists 1–3 of them (MovieLens has 19 genres). */
  genres?: number;
  /** Hidden taste clusters (dimensions), never written anywhere: structure only collaborative models can find. */
  hidden?: number;
  /** First possible rating time, epoch seconds. */
  start?: number;
  /** Seconds over which users start rating. */
  span?: number;
}

export interface SyntheticRating {
  /** Item index, 0-based; lower indices are more popular overall. */
  item: number;
  /** 0.5–5 in half stars. */
  rating: number;
  /** Epoch seconds, strictly increasing in the order the user rated. */
  at: number;
}

export interface LatentTasteData {
  /** Per item, its visible genres (indices into 0..genres−1), most typical first. */
  readonly itemGenres: readonly (readonly number[])[];
  /** Per user (0-based, in order), their ratings in the order they made them; the same on every call. */
  users(): Generator<SyntheticRating[]>;
}

/**
 * A latent-taste model of MovieLens-like ratings, deterministic per seed (docs/recommendations.md,
 * "Synthetic MovieLens data").
 *
 * - Items: long-tail exposure by index (item 0 offered most), 1–3 visible genres drawn with a
 *   skew towards the first genres (as Drama and Comedy dominate MovieLens), a hidden taste vector
 *   (1 in one of `hidden` clusters plus N(0, 0.15²) noise per dimension) and a quality offset
 *   q ~ N(0, 0.5²) (sums of uniforms, approximately normal).
 * - Users: heavy-tailed activity (a few users rate hundreds of films), two favourite genres
 *   (weight 1), one disliked genre (−0.7), and a hidden taste vector (1 in one cluster, 0.7 in a
 *   second for half the users, N(0, 0.15²) noise).
 * - Affinity s(u, i) = Σ over the film's genres g of w_u(g)/√|genres(i)| + 1.5·h_u·h_i.
 * - What a user watches: a candidate film by exposure, kept with probability σ(6·s − 5), else
 *   another candidate (taste decides what is watched, popularity what is offered). A user rates
 *   a film once.
 * - The value is 2.6 + 0.9·s + q + noise (σ ≈ 0.8), clamped to 0.5–5 and rounded to half stars.
 * - Time: each user starts at a uniform time in the span and rates in the order watched, a
 *   second to two days apart, so a time-ordered hold-out asks for later picks from the same tastes.
 *
 * Affinity is a dot product of user and item vectors (genre and hidden parts), so the data are
 * low-rank plus noise: the model class of matrix factorisation, which favours it over
 * neighbourhood models more than real ratings may.
 */
export function latentTasteRatings(options: LatentTasteOptions): LatentTasteData {
  const { next, skewed, normal } = draws(options.seed);
  const { users, items } = options;
  const genreCount = options.genres ?? 19;
  const hidden = options.hidden ?? 24;
  const start = options.start ?? 1_000_000_000;
  const span = options.span ?? 600_000_000;

  const itemGenres: number[][] = [];
  const itemHidden = new Float64Array(items * hidden);
  const quality = new Float32Array(items);
  for (let item = 0; item < items; item += 1) {
    const count = 1 + Math.floor(next() * 3);
    const genres = new Set<number>();
    while (genres.size < Math.min(count, genreCount)) genres.add(skewed(genreCount, 1.6));
    itemGenres.push([...genres]);
    const cluster = Math.floor(next() * hidden);
    for (let d = 0; d < hidden; d += 1)
      itemHidden[item * hidden + d] = (d === cluster ? 1 : 0) + 0.15 * Math.sqrt(3) * normal();
    quality[item] = 0.85 * normal();
  }

  // Heavy-tailed activity, then each user's share of what is left (not of the total), so rounding
  // and the one-rating-per-item cap still add up to `ratings` whenever users × items allows it.
  const weights = Float64Array.from({ length: users }, () => 1 / (1 - next() * 0.98) ** 1.2);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);

  // Its own stream, so every call of `users()` yields the same ratings.
  function* generate(): Generator<SyntheticRating[]> {
    const { next, skewed, normal } = draws(options.seed + 0x9e3779b9);
    const taste = new Float64Array(genreCount);
    const userHidden = new Float64Array(hidden);
    let remaining = options.ratings;
    let weightLeft = totalWeight;
    for (let u = 0; u < users; u += 1) {
      const weight = weights[u] ?? 1;
      const share = u === users - 1 ? remaining : Math.round((remaining * weight) / weightLeft);
      weightLeft -= weight;
      const atLeast = Math.max(remaining > 0 ? 1 : 0, remaining - items * (users - 1 - u));
      const count = Math.min(remaining, items, Math.max(atLeast, share));
      remaining -= count;
      taste.fill(0);
      taste[Math.floor(next() * genreCount)] = -0.7;
      taste[skewed(genreCount, 1.3)] = 1;
      taste[skewed(genreCount, 1.3)] = 1;
      for (let d = 0; d < hidden; d += 1) userHidden[d] = 0.15 * Math.sqrt(3) * normal();
      userHidden[Math.floor(next() * hidden)] = 1;
      if (next() < 0.5) userHidden[Math.floor(next() * hidden)] = 0.7;
      const affinity = (item: number) => {
        const genres = itemGenres[item] ?? [];
        let sum = 0;
        for (const genre of genres) sum += taste[genre] ?? 0;
        sum /= Math.sqrt(Math.max(1, genres.length));
        let dot = 0;
        for (let d = 0; d < hidden; d += 1)
          dot += (userHidden[d] ?? 0) * (itemHidden[item * hidden + d] ?? 0);
        return sum + 1.5 * dot;
      };
      const picked = new Set<number>();
      const order: number[] = [];
      if (count > items / 2) {
        // A user who rates most of the catalogue: every film up to the count, in a random order.
        const all = Array.from({ length: count }, (_, i) => i);
        for (let i = all.length - 1; i > 0; i -= 1) {
          const j = Math.floor(next() * (i + 1));
          [all[i], all[j]] = [all[j] ?? 0, all[i] ?? 0];
        }
        order.push(...all);
      } else {
        for (let attempt = 0; order.length < count; attempt += 1) {
          const item = skewed(items, 2.2);
          if (picked.has(item)) continue;
          // Past 200 candidates per rating, anything offered is watched: always terminates.
          if (attempt < count * 200 && next() >= 1 / (1 + Math.exp(5 - 6 * affinity(item))))
            continue;
          picked.add(item);
          order.push(item);
        }
      }
      let at = start + Math.floor(next() * span);
      const ratings: SyntheticRating[] = order.map((item) => {
        at += 1 + Math.floor(next() ** 3 * 200_000);
        const value = 2.6 + 0.9 * affinity(item) + (quality[item] ?? 0) + 1.4 * normal();
        return { item, rating: Math.min(5, Math.max(0.5, Math.round(value * 2) / 2)), at };
      });
      yield ratings;
    }
  }

  return { itemGenres, users: generate };
}

function draws(seed: number) {
  const next = random(seed);
  return {
    next,
    /** Index in [0, n), small ones far likelier (density ~ x^(1/skew − 1)): long-tail popularity. */
    skewed: (n: number, skew: number) => Math.min(n - 1, Math.floor(n * next() ** skew)),
    /** Sum of four uniforms, centred: mean 0, variance 1/3, bell-shaped. */
    normal: () => next() + next() + next() + next() - 2,
  };
}
