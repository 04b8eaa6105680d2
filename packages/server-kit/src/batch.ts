/**
 * DataLoader's contract: results in the same order and length as the keys (it pairs them by index),
 * `null` where nothing was found.
 */
export function orderByKeys<Key, Value>(
  keys: readonly Key[],
  values: readonly Value[],
  keyOf: (value: Value) => Key,
): (Value | null)[] {
  const byKey = new Map(values.map((value) => [keyOf(value), value]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** For to-many relations: one array per key, empty where nothing matched. */
export function groupByKeys<Key, Value>(
  keys: readonly Key[],
  values: readonly Value[],
  keyOf: (value: Value) => Key,
): Value[][] {
  const groups = new Map<Key, Value[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
