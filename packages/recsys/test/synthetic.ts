import { random, type Interaction } from '../src/index.ts';

export { random };

/**
 * Users with one of `tastes` tastes rate mostly items of their taste highly, plus popular items
 * of any taste at random: structure a personal model can learn and popularity cannot.
 */
export function tasteClusters(options: {
  users: number;
  items: number;
  tastes: number;
  perUser: number;
  seed: number;
}): Interaction[] {
  const next = random(options.seed);
  const interactions: Interaction[] = [];
  for (let user = 0; user < options.users; user += 1) {
    const taste = user % options.tastes;
    const rated = new Set<number>();
    for (let n = 0; n < options.perUser; n += 1) {
      const inTaste = next() < 0.8;
      // Long-tail popularity inside each group: low indices are popular.
      const rank = Math.floor(next() ** 2 * (options.items / options.tastes));
      const item = inTaste
        ? rank * options.tastes + taste
        : Math.floor(next() ** 3 * options.items);
      if (rated.has(item)) continue;
      rated.add(item);
      interactions.push({
        userId: `u${user}`,
        itemId: `i${item}`,
        rating: inTaste ? 4 + Math.round(next()) : 1 + Math.round(next() * 3) / 2,
        at: Math.floor(next() * 1_000_000),
      });
    }
  }
  return interactions;
}

/**
 * Users of one of `tastes` tastes walk their taste's films in one order (a chain, as a series or
 * a director's work is watched), starting anywhere on it and skipping a film now and then: what
 * a user likes next follows what they liked last, which co-occurrence alone does not show.
 */
export function tasteJourneys(options: {
  users: number;
  items: number;
  tastes: number;
  perUser: number;
  seed: number;
}): Interaction[] {
  const next = random(options.seed);
  const chain = Math.floor(options.items / options.tastes);
  const interactions: Interaction[] = [];
  for (let user = 0; user < options.users; user += 1) {
    const taste = user % options.tastes;
    let position = Math.floor(next() * chain);
    for (let n = 0; n < options.perUser; n += 1) {
      position = (position + 1 + (next() < 0.2 ? 1 : 0)) % chain;
      interactions.push({
        userId: `u${user}`,
        itemId: `i${position * options.tastes + taste}`,
        rating: 4 + Math.round(next()),
        at: n * 1_000 + user,
      });
    }
  }
  return interactions;
}
