/**
 * In-process memory for facts read far more often than they change (a hall's calendar, the
 * member list, keyword replies, gram counts): each value is kept `ttlMs` after it was loaded,
 * one load per key runs at a time, and a failed load is not kept. Every process keeps its
 * own, so a change elsewhere shows within `ttlMs`; the process that made it may `forget` at
 * once. Lifetimes are measured on the real clock: they are durations, not dates.
 */
export interface Memo<T> {
  /** The kept value of `key`, or `load()`'s, kept from now on. */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** The kept value of `key` when loaded and still fresh, without loading. */
  peek(key: string): T | undefined;
  /** Whether `key` is kept and fresh, or being loaded. */
  has(key: string): boolean;
  /** Keeps `value` for `key`, as if just loaded. */
  set(key: string, value: T): void;
  /** Drops the values whose keys start with `prefix` (all of them by default). */
  forget(prefix?: string): void;
  readonly size: number;
}

interface Entry<T> {
  at: number;
  pending: Promise<T>;
  /** Set once the load has resolved. */
  settled?: { value: T };
}

export function createMemo<T>(ttlMs: number, maxEntries = 5000): Memo<T> {
  // A Map iterates in insertion order: the first key is the oldest when it overflows.
  const entries = new Map<string, Entry<T>>();
  const fresh = (entry: Entry<T> | undefined, now: number): entry is Entry<T> =>
    entry !== undefined && now - entry.at < ttlMs;
  const keep = (key: string, entry: Entry<T>) => {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    get(key, load) {
      const now = Date.now();
      const hit = entries.get(key);
      if (fresh(hit, now)) return hit.settled ? Promise.resolve(hit.settled.value) : hit.pending;
      const entry: Entry<T> = { at: now, pending: load() };
      entry.pending.then(
        (value) => {
          entry.settled = { value };
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      keep(key, entry);
      return entry.pending;
    },
    peek(key) {
      const hit = entries.get(key);
      return fresh(hit, Date.now()) ? hit.settled?.value : undefined;
    },
    has(key) {
      return fresh(entries.get(key), Date.now());
    },
    set(key, value) {
      keep(key, { at: Date.now(), pending: Promise.resolve(value), settled: { value } });
    },
    forget(prefix = '') {
      if (!prefix) return entries.clear();
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
