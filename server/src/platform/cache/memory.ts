import { type Cache, type LockOptions, runLocked } from './types';

interface Entry {
  value: string;
  expiresAt: number | null;
}

/** In-process cache for the embedded mode: one process, so a Map is the whole truth. */
export function createMemoryCache(): Cache {
  const map = new Map<string, Entry>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, e] of map) if (e.expiresAt !== null && e.expiresAt <= now) map.delete(k);
  }, 30_000);
  sweep.unref();

  const live = (key: string): Entry | undefined => {
    const e = map.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, value: string, ttlMs?: number) =>
    map.set(key, { value, expiresAt: ttlMs ? Date.now() + ttlMs : null });

  const cache: Cache = {
    kind: 'memory',
    async get(key) {
      return live(key)?.value ?? null;
    },
    async getMany(keys) {
      return keys.map((key) => live(key)?.value ?? null);
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async del(key) {
      map.delete(key);
    },
    async incr(key, ttlMs) {
      const e = live(key);
      const n = (e ? Number(e.value) : 0) + 1;
      if (e) e.value = String(n);
      else put(key, String(n), ttlMs);
      return n;
    },
    async takeFromStock(key, n = 1) {
      const e = live(key);
      if (!e) return null;
      const left = Number(e.value);
      if (left < n) return -1;
      e.value = String(left - n);
      return left - n;
    },
    async returnToStock(key, n) {
      const e = live(key);
      if (e) e.value = String(Number(e.value) + n);
    },
    async ttl(key) {
      const e = live(key);
      if (!e) return -2;
      return e.expiresAt === null ? -1 : e.expiresAt - Date.now();
    },
    withLock(name, fn, opts: LockOptions = {}) {
      return runLocked(
        cache,
        name,
        fn,
        opts,
        async (key, token) => {
          if (live(key)?.value === token) map.delete(key);
        },
        5,
      );
    },
    async takeTokens(key, want, perSecond, burst) {
      const now = Date.now();
      const e = live(key);
      const prev = e ? (JSON.parse(e.value) as { tokens: number; ts: number }) : { tokens: burst, ts: now };
      let tokens = Math.min(burst, prev.tokens + (Math.max(0, now - prev.ts) * perSecond) / 1000);
      const granted = Math.min(want, Math.floor(tokens));
      tokens -= granted;
      put(key, JSON.stringify({ tokens, ts: now }), 60_000);
      return { granted, waitMs: granted < want ? Math.max(1, Math.ceil(((1 - tokens) * 1000) / perSecond)) : 0 };
    },
    async ping() {},
    async close() {
      clearInterval(sweep);
      map.clear();
    },
  };
  return cache;
}
