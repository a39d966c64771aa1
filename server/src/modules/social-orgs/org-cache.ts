import { createHash } from 'node:crypto';
import type { Cache } from '../../platform/cache';
import { createLru } from '../../platform/cache/lru';
import { createSharedVersion } from '../../platform/cache/version';

const PROFILE_TTL_MS = 10 * 60_000;
const MISS_TTL_MS = 60_000;
const SEARCH_TTL_MS = 2 * 60_000;
/** How stale another process's write may look here: the version is re-read this often. */
const VERSION_POLL_MS = 250;
const LOCAL_PROFILES = 10_000;
const LOCAL_ANSWERS = 2000;
const LOCAL_TTL_MS = 10_000;

/**
 * Hot lookups. Every write to organizations or illegal-org entries bumps one version in the
 * shared cache, and every cached answer is keyed by it, so no answer outlives a change
 * anywhere (stale ones simply expire). Profiles are kept as their JSON — built once, sent
 * as is — in the shared cache and, for a few seconds, as bytes in a small in-process LRU.
 */
export function createOrgCache(cache: Cache) {
  const version = createSharedVersion(cache, 'so:gen', VERSION_POLL_MS);
  const local = createLru<{ version: string; day: string; bytes: Buffer }>(LOCAL_PROFILES, LOCAL_TTL_MS);
  const loading = new Map<string, Promise<Buffer>>();
  const answers = createLru<Buffer>(LOCAL_ANSWERS, LOCAL_TTL_MS);

  return {
    /** The register's current version: anything derived from it may be kept until it changes. */
    generation: () => version.current(),
    /** The profile's JSON as UTF-8 bytes for the day; empty for a code not on record. */
    async profileJson(uscc: string, day: string, load: () => Promise<object | null>): Promise<Buffer> {
      const v = await version.current();
      const mine = local.get(uscc);
      if (mine && mine.version === v && mine.day === day) return mine.bytes;
      const key = `so:org:${v}:${day}:${uscc}`;
      // One load per key and process at a time: a burst for one code costs one query.
      let pending = loading.get(key);
      if (!pending) {
        pending = (async () => {
          let json = await cache.get(key);
          if (json === null) {
            const body = await load();
            json = body ? JSON.stringify(body) : '';
            await cache.set(key, json, body ? PROFILE_TTL_MS : MISS_TTL_MS);
          }
          const bytes = Buffer.from(json);
          local.set(uscc, { version: v, day, bytes });
          return bytes;
        })().finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
    /** A whole search answer as JSON bytes: the shared cache, and a few seconds in-process. */
    async searchJson(params: unknown, load: () => Promise<object>): Promise<Buffer> {
      const key = `so:answer:${await version.current()}:${createHash('sha1').update(JSON.stringify(params)).digest('hex')}`;
      const mine = answers.get(key);
      if (mine) return mine;
      let json = await cache.get(key);
      if (json === null) {
        json = JSON.stringify(await load());
        await cache.set(key, json, SEARCH_TTL_MS);
      }
      const bytes = Buffer.from(json);
      answers.set(key, bytes);
      return bytes;
    },
    /** After a write: every cached profile and search answer retires (the argument names what changed). */
    async invalidate(_uscc?: string | string[]) {
      await version.bump();
      local.clear();
      answers.clear();
    },
  };
}

export type OrgCache = ReturnType<typeof createOrgCache>;
