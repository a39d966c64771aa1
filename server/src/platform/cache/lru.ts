/**
 * A small in-process LRU with a time to live: the per-process copy of versioned answers
 * (`answers.ts`). It sits in front of the shared cache, never instead of it: entries live
 * seconds, and are keyed by a version from the shared cache so a write anywhere retires them.
 */
export function createLru<V>(maxEntries: number, ttlMs: number) {
  // A Map iterates in insertion order: re-inserting on a hit keeps the oldest first.
  const map = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key: string): V | undefined {
      const e = map.get(key);
      if (!e) return undefined;
      map.delete(key);
      if (e.expiresAt <= Date.now()) return undefined;
      map.set(key, e);
      return e.value;
    },
    set(key: string, value: V) {
      map.delete(key);
      map.set(key, { value, expiresAt: Date.now() + ttlMs });
      if (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
    clear() {
      map.clear();
    },
    get size() {
      return map.size;
    },
  };
}

export type Lru<V> = ReturnType<typeof createLru<V>>;
