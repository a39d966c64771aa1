import { singleFlight } from './single-flight';
import type { Cache } from './types';

const CHANGE_TTL_MS = 3600_000;
/** A change number taken (INCR) whose ids are still missing this long is given up on: full reload. */
const MISSING_GIVE_UP_MS = 5_000;
/** More changes than this behind, or unsynced this long: a full reload rather than the changes. */
const MAX_DELTA = 500;
const MAX_QUIET_MS = 30 * 60_000;

/**
 * A table's searchable rows held in this process (a spatial index built over them, say), kept
 * current with every process's writes: each write, after its commit, announces the ids it
 * changed — `INCR <key>` numbers the change, `<key>:<n>` holds its ids — and every read first
 * reads that number (one shared-cache round trip, shared by the reads arriving meanwhile) and
 * reloads from the database, by primary key, the rows of the changes it has not applied. A read
 * that starts after a write's announcement finished therefore sees that write, in whichever
 * process it ran. When the shared cache cannot be read, `current()` answers false and the caller
 * reads the database itself. Writes that do not announce (SQL by hand) show after a full reload
 * (at the latest when a process has been without a change for half an hour).
 */
export interface LiveRows {
  /** Brings the rows up to every announced change; false when the shared cache cannot be read. */
  current(): Promise<boolean>;
  /**
   * Whether the rows hold every change up to `version`, a change number the caller has just read
   * from the shared cache itself (the key a versioned memo shares with these rows, say): at once
   * when they do, which costs no round trip; else after a sync, false when even then they do not
   * (a change whose ids are not stored yet) — the caller reads the database itself.
   */
  currentAt(version: string | number): Promise<boolean>;
  /**
   * After a commit that changed (created, updated, removed) these rows: every process reloads
   * them. When the shared cache cannot be reached the ids are announced again every second
   * until it can (a process that read nothing meanwhile reloads them then; one that tried to
   * reloads everything), and the failure goes to `onError`; it never fails the caller.
   */
  changed(ids: number[]): Promise<void>;
}

export interface LiveRowsSource<R, All = R[]> {
  /** Every row to hold (the searchable ones), as `reset` takes them. */
  loadAll(): Promise<All>;
  /** These ids' rows as they now are; an id missing (or not searchable any more) is dropped. */
  loadIds(ids: number[]): Promise<R[]>;
  /** Replaces everything held with these rows. */
  reset(all: All): void;
  /** One id's row as it now is (undefined: dropped). */
  put(id: number, row: R | undefined): void;
  /** Which id a row is. */
  idOf(row: R): number;
}

export interface LiveRowsOptions {
  /**
   * A full load runs in the background: until it is done, `current()` answers false (the caller
   * reads the database itself) instead of waiting. For tables whose load takes seconds (a million
   * place names): no search waits for it, neither the first one nor those during a reload.
   */
  loadInBackground?: boolean;
}

export function createLiveRows<R, All = R[]>(
  cache: Cache,
  key: string,
  source: LiveRowsSource<R, All>,
  onError: (err: unknown, ids: number[]) => void = () => undefined,
  options: LiveRowsOptions = {},
): LiveRows {
  const pending = new Set<number>();
  let retrying = false;
  let known = -1; // the change number applied up to (-1: nothing loaded)
  let syncedAt = 0;
  let missing: { n: number; since: number } | undefined;
  let loading: Promise<void> | undefined;

  async function load(version: number) {
    const all = await source.loadAll();
    source.reset(all);
    known = version;
    syncedAt = Date.now();
    missing = undefined;
  }

  function fullLoad(version: number): Promise<void> {
    if (!options.loadInBackground) return load(version);
    loading ??= load(version)
      .catch((err) => onError(err, []))
      .finally(() => {
        loading = undefined;
      });
    return Promise.reject(new Error('live rows: loading in the background'));
  }

  async function sync() {
    let read: string | null;
    try {
      read = await cache.get(key);
    } catch (err) {
      // Changes announced while the shared cache was out of reach may never be numbered here:
      // everything is reloaded once it answers again.
      known = -1;
      throw err;
    }
    const version = Number(read ?? 0);
    if (known < 0 || version < known || version - known > MAX_DELTA || Date.now() - syncedAt > MAX_QUIET_MS)
      return fullLoad(version);
    syncedAt = Date.now();
    if (version === known) return;
    const numbers = Array.from({ length: version - known }, (_, i) => known + 1 + i);
    const lists = await cache.getMany(numbers.map((n) => `${key}:${n}`));
    const ids = new Set<number>();
    let upTo = known;
    for (let i = 0; i < numbers.length; i++) {
      const list = lists[i];
      if (list === null) {
        // Numbered by a writer that has not stored its ids yet (it has not answered either), or
        // lost: wait for it a little, then reload everything.
        if (missing?.n !== numbers[i]) missing = { n: numbers[i], since: Date.now() };
        else if (Date.now() - missing.since > MISSING_GIVE_UP_MS) return fullLoad(version);
        break;
      }
      for (const id of list.split(',')) if (id) ids.add(Number(id));
      upTo = numbers[i];
    }
    if (ids.size) {
      const rows = await source.loadIds([...ids]);
      const found = new Map(rows.map((r) => [source.idOf(r), r]));
      for (const id of ids) source.put(id, found.get(id));
    }
    known = upTo;
  }

  /** One sync at a time; a read arriving during one waits for the next (its version read starts after the read did). */
  const current = singleFlight(sync).afterNow;

  async function announce() {
    if (!pending.size) return;
    const ids = [...pending];
    pending.clear();
    try {
      const n = await cache.incr(key, 365 * 86400_000);
      await cache.set(`${key}:${n}`, ids.join(','), CHANGE_TTL_MS);
    } catch (err) {
      for (const id of ids) pending.add(id);
      onError(err, ids);
      if (!retrying) {
        retrying = true;
        setTimeout(() => {
          retrying = false;
          void announce();
        }, 1000).unref();
      }
    }
  }

  /** Whether every change up to `version` is held; a caller's read of the number counts as a sync (MAX_QUIET_MS). */
  const holds = (version: number) => {
    if (known < 0 || known < version || Date.now() - syncedAt > MAX_QUIET_MS) return false;
    syncedAt = Date.now();
    return true;
  };

  return {
    async current() {
      try {
        await current();
        return true;
      } catch {
        return false;
      }
    },
    async currentAt(version) {
      const wanted = Number(version);
      if (holds(wanted)) return true;
      try {
        await current();
      } catch {
        return false;
      }
      return holds(wanted);
    },
    async changed(ids) {
      for (const id of ids) pending.add(id);
      await announce();
    },
  };
}
