import { isPositive, POSITIVE_THRESHOLD, type Interaction } from './interactions.ts';

export interface HoldoutOptions {
  /** Share of each user's positives held out, latest first. */
  holdout?: number;
  /** Users with fewer positives are not evaluated (their interactions all stay in training). */
  minPositives?: number;
  positiveThreshold?: number;
}

export interface HoldoutSplit {
  train: Interaction[];
  /** Evaluated user → the item ids they liked later, which the models must rank. */
  test: Map<string, Set<string>>;
}

/**
 * Time-ordered hold-out: for every user with at least `minPositives` positives, their latest
 * `holdout` share of positives (at least one) is the test set, and training keeps only what that
 * user did before the first held-out positive. Nothing the model sees comes after what it is
 * asked to predict, for that user.
 */
export function timeOrderedHoldout(
  interactions: readonly Interaction[],
  options: HoldoutOptions = {},
): HoldoutSplit {
  const share = options.holdout ?? 0.2;
  const minPositives = options.minPositives ?? 5;
  const threshold = options.positiveThreshold ?? POSITIVE_THRESHOLD;
  if (!(share > 0 && share < 1)) throw new RangeError('holdout must be between 0 and 1');
  const byUser = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const list = byUser.get(interaction.userId);
    if (list) list.push(interaction);
    else byUser.set(interaction.userId, [interaction]);
  }
  const train: Interaction[] = [];
  const test = new Map<string, Set<string>>();
  for (const [userId, list] of byUser) {
    // Time order; ties broken by item id so the split is deterministic.
    list.sort((a, b) => a.at - b.at || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    const positives = list.filter((interaction) => isPositive(interaction, threshold));
    if (positives.length < minPositives) {
      train.push(...list);
      continue;
    }
    const heldCount = Math.max(1, Math.round(positives.length * share));
    const held = positives.slice(positives.length - heldCount);
    const firstHeld = held[0];
    if (firstHeld === undefined) continue;
    const cutoff = list.indexOf(firstHeld);
    train.push(...list.slice(0, cutoff));
    test.set(userId, new Set(held.map((interaction) => interaction.itemId)));
  }
  return { train, test };
}
