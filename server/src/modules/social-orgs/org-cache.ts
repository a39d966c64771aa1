import { createHash } from 'node:crypto';
import type { Cache } from '../../platform/cache';

const PROFILE_TTL_MS = 10 * 60_000;
const MISS_TTL_MS = 60_000;
const SEARCH_TTL_MS = 2 * 60_000;
const GEN_TTL_MS = 365 * 86400_000;

/**
 * Hot lookups in the shared cache. A profile is dropped on any write to its organization; a
 * search answer is keyed by a generation that every write to orgs or illegal-org entries
 * bumps, so no answer outlives a change anywhere (and stale ones simply expire).
 */
export function createOrgCache(cache: Cache) {
  const profileKey = (uscc: string) => `so:org:${uscc}`;
  return {
    async profile<T>(uscc: string, day: string, load: () => Promise<T | null>): Promise<T | null> {
      const hit = await cache.get(profileKey(uscc));
      if (hit) {
        const cached = JSON.parse(hit) as { day: string; body: T | null };
        if (cached.day === day) return cached.body;
      }
      const body = await load();
      await cache.set(profileKey(uscc), JSON.stringify({ day, body }), body ? PROFILE_TTL_MS : MISS_TTL_MS);
      return body;
    },
    async search<T>(params: unknown, load: () => Promise<T>): Promise<T> {
      const gen = (await cache.get('so:gen')) ?? '0';
      const key = `so:search:${gen}:${createHash('sha1').update(JSON.stringify(params)).digest('hex')}`;
      const hit = await cache.get(key);
      if (hit) return JSON.parse(hit) as T;
      const body = await load();
      await cache.set(key, JSON.stringify(body), SEARCH_TTL_MS);
      return body;
    },
    async invalidate(uscc?: string | string[]) {
      for (const code of uscc === undefined ? [] : [uscc].flat()) await cache.del(profileKey(code));
      await cache.incr('so:gen', GEN_TTL_MS);
    },
  };
}

export type OrgCache = ReturnType<typeof createOrgCache>;
