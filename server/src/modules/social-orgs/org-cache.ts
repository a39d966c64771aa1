import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { type Cache, createVersionedAnswers, type RawJson } from '../../platform/cache';

const SEARCH_TTL_MS = 2 * 60_000;
const LOCAL_TTL_MS = 10_000;

/**
 * Hot lookups. Every write to organizations or illegal-org entries bumps one version of the
 * register, and every cached answer is kept under it, so no answer outlives a change anywhere.
 * Search answers are kept as their JSON — built once, sent as is — in the shared cache and, for
 * a few seconds, as bytes in this process; profiles as bytes in this process only (their kept
 * rows are the shared copy).
 */
export function createOrgCache(
  cache: Cache,
  retireKept: (usccs: string[], transaction: Transaction) => Promise<void> = async () => undefined,
) {
  const register = createVersionedAnswers(cache, 'so:gen');
  // Profiles have no copy in the shared cache: each is one row in the database already
  // (org_profiles, kept-profiles.ts), read in batches with the others of the same turn; a shared
  // copy cost every first look-up a GET that missed and a SET of the same bytes.
  const profiles = register.answers('so:org', {
    ttlMs: 0,
    localEntries: 10_000,
    localTtlMs: LOCAL_TTL_MS,
    shared: false,
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
    profileJson: (uscc: string, day: string, load: () => Promise<RawJson | null>): Promise<Buffer> =>
      profiles.json(`${day}:${uscc}`, load),
    /** A whole search answer as JSON bytes. */
    searchJson: (params: unknown, load: () => Promise<object>): Promise<Buffer> =>
      searches.json(createHash('sha1').update(JSON.stringify(params)).digest('hex'), load),
    /**
     * Inside the transaction that changes these organizations' records: their kept profiles
     * retire with the change (kept-profiles.ts). In the same commit, so a change can never
     * land while its organization's kept profile stays (that row may hold for years).
     */
    retire: (uscc: string | string[], transaction: Transaction) =>
      retireKept(Array.isArray(uscc) ? uscc : [uscc], transaction),
    /**
     * After a write's commit: every cached profile and search answer retires (the kept
     * profiles already retired inside the write's transaction).
     */
    invalidate: async () => {
      await register.bump();
    },
  };
}

export type OrgCache = ReturnType<typeof createOrgCache>;
