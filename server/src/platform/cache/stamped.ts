import { randomBytes } from 'node:crypto';
import type { Cache } from './types';

/** A stamp outlives the copies made under it, so a copy is never judged by a newer stranger. */
const STAMP_TTL_FACTOR = 4;

/** Copies of single records (one per id), each valid only under its record's current stamp. */
export interface StampedCopies<T> {
  /**
   * The record from its copy in the shared cache, or `load()`'s (copied from now on). A
   * missing record (`load` answers null) is not copied.
   */
  get(id: string | number, load: () => Promise<T | null>): Promise<T | null>;
  /**
   * The cache keys `get` reads first (stamp, copy), for a caller that reads them together
   * with something else in one round trip and hands the values to `getRead`.
   */
  keys(id: string | number): string[];
  /** As `get`, from the values at `keys(id)` read just now by the caller. */
  getRead(id: string | number, read: (string | null)[], load: () => Promise<T | null>): Promise<T | null>;
  /**
   * The copy's text (the record as JSON) among the values at `keys(id)` when it is valid under
   * the current stamp, else null: for a caller that keeps what it derives from a record by the
   * record's text, without parsing it again.
   */
  validText(read: (string | null)[]): string | null;
  /** After a write to the record is committed: every copy of it retires, in every process. */
  changed(id: string | number): Promise<void>;
}

const newStamp = () => randomBytes(9).toString('base64url');

/**
 * Records read on almost every request and written rarely (a citizen's own row), copied into
 * the shared cache beside a per-record stamp that every write replaces. A reader fetches stamp
 * and copy in one round trip and trusts the copy only when it was made under the current
 * stamp. The writer replaces the stamp after its commit and a reader reads the stamp before
 * it reads the database, so in whatever order they run, no process serves the record as it
 * was before a write that has returned: a copy made from a read that raced the write carries
 * the old stamp and is simply read again.
 */
export function createStampedCopies<T>(cache: Cache, prefix: string, ttlMs: number): StampedCopies<T> {
  const stampKey = (id: string | number) => `${prefix}:stamp:${id}`;
  const copyKey = (id: string | number) => `${prefix}:copy:${id}`;
  const stampTtlMs = ttlMs * STAMP_TTL_FACTOR;
  function validText([stamp, copy]: (string | null)[]): string | null {
    if (stamp === null || copy === null) return null;
    const bar = copy.indexOf('|');
    return copy.slice(0, bar) === stamp ? copy.slice(bar + 1) : null;
  }
  async function getRead(id: string | number, read: (string | null)[], load: () => Promise<T | null>) {
    const text = validText(read);
    if (text !== null) return JSON.parse(text) as T;
    const stamp = read[0];
    // No stamp (never written, or expired): make one, unless another process just did — then
    // this read is served uncopied and the next one copies under that stamp.
    let current = stamp;
    if (current === null) {
      const made = newStamp();
      current = (await cache.setIfAbsent(stampKey(id), made, stampTtlMs)) ? made : null;
    }
    const value = await load();
    if (value !== null && current !== null) await cache.set(copyKey(id), `${current}|${JSON.stringify(value)}`, ttlMs);
    return value;
  }
  return {
    get: async (id, load) => getRead(id, await cache.getMany([stampKey(id), copyKey(id)]), load),
    keys: (id) => [stampKey(id), copyKey(id)],
    getRead,
    validText,
    async changed(id) {
      await cache.set(stampKey(id), newStamp(), stampTtlMs);
    },
  };
}
