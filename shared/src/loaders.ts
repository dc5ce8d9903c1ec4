import DataLoader from 'dataloader';

/**
 * One row per key, in key order (null where none): the shape __resolveReference and to-one fields need.
 * Every loader is created per request, so its cache never outlives the request's EntityManager.
 */
export function byKeyLoader<T, K extends string = string>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = new Map((await fetch(keys)).map((row) => [keyOf(row), row] as const));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** All rows per key, in key order: the shape one-to-many fields need. */
export function groupLoader<T, K extends string = string>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T[]> {
  return new DataLoader<K, T[]>(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
