import { createHash } from 'node:crypto';
import { type Cache, createVersionedAnswers } from '../../platform/cache';

const PROFILE_TTL_MS = 10 * 60_000;
const MISS_TTL_MS = 60_000;
const SEARCH_TTL_MS = 2 * 60_000;
const LOCAL_TTL_MS = 10_000;

/**
 * Hot lookups. Every write to organizations or illegal-org entries bumps one version of the
 * register, and every cached answer is kept under it, so no answer outlives a change anywhere.
 * Profiles and search answers are kept as their JSON — built once, sent as is — in the shared
 * cache and, for a few seconds, as bytes in this process.
 */
export function createOrgCache(cache: Cache) {
  const register = createVersionedAnswers(cache, 'so:gen');
  const profiles = register.answers('so:org', {
    ttlMs: PROFILE_TTL_MS,
    missTtlMs: MISS_TTL_MS,
    localEntries: 10_000,
    localTtlMs: LOCAL_TTL_MS,
  });
  const searches = register.answers('so:answer', {
    ttlMs: SEARCH_TTL_MS,
    localEntries: 2000,
    localTtlMs: LOCAL_TTL_MS,
  });

  return {
    /** The register's current version: anything derived from it may be kept until it changes. */
    generation: () => register.version(),
    /** The profile's JSON as UTF-8 bytes for the day; empty for a code not on record. */
    profileJson: (uscc: string, day: string, load: () => Promise<object | null>): Promise<Buffer> =>
      profiles.json(`${day}:${uscc}`, load),
    /** A whole search answer as JSON bytes. */
    searchJson: (params: unknown, load: () => Promise<object>): Promise<Buffer> =>
      searches.json(createHash('sha1').update(JSON.stringify(params)).digest('hex'), load),
    /** After a write: every cached profile and search answer retires (the argument names what changed). */
    invalidate: async (_uscc?: string | string[]) => register.bump(),
  };
}

export type OrgCache = ReturnType<typeof createOrgCache>;
