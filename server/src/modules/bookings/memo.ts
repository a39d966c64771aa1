/**
 * A few seconds of in-process memory for facts read on every booking attempt (a hall's
 * calendar, a service's booking settings). A rush sends thousands of requests a second for
 * the same few keys; staff changes show within the TTL on every process.
 */
export function memo<T>(ttlMs: number) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => entries.delete(key));
      if (entries.size > 5000) entries.clear();
      return value;
    },
    forget(prefix = '') {
      for (const k of entries.keys()) if (k.startsWith(prefix)) entries.delete(k);
    },
  };
}
