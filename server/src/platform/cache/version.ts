import type { Cache } from './types';

const VERSION_TTL_MS = 365 * 86400_000;

/**
 * A version number in the shared cache that every write to some data bumps, so answers
 * cached under it (in the shared cache or in-process) retire everywhere at once. Reading it
 * on every request would cost a round trip per request: each process re-reads it at most
 * every `pollMs` (one read in flight), so a write in another process is seen within that
 * time, and at once in the process that made it.
 */
export function createSharedVersion(cache: Cache, key: string, pollMs: number) {
  let known: { value: string; at: number } | undefined;
  let reading: Promise<string> | undefined;

  async function read(): Promise<string> {
    try {
      const read = (await cache.get(key)) ?? '0';
      // A bump made while this read was in flight is newer than what it brings back.
      const value = known && Number(known.value) > Number(read) ? known.value : read;
      known = { value, at: Date.now() };
      return value;
    } finally {
      reading = undefined;
    }
  }

  return {
    current(): Promise<string> {
      if (known && Date.now() - known.at < pollMs) return Promise.resolve(known.value);
      return (reading ??= read());
    },
    async bump(): Promise<string> {
      const value = String(await cache.incr(key, VERSION_TTL_MS));
      known = { value, at: Date.now() };
      return value;
    },
  };
}

export type SharedVersion = ReturnType<typeof createSharedVersion>;
