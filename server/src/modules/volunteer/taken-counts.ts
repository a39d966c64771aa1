import { createLiveRows } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import type { Platform } from '../../platform/platform';

/** Places taken: sign-ups pending review or approved (the waiting list waits for one). */
export const TAKES_PLACE = ['pending', 'approved'] as const;
/** The shared cache's change number of sign-ups (createLiveRows), read together with the activities' by a search. */
export const SIGNUP_CHANGES_KEY = 'volunteer:signups:changes';

/** Places taken of these activities (those with none have no row). */
const TAKEN_SQL = `SELECT activity_id, COUNT(*) AS n FROM volunteer_signups
  WHERE activity_id IN (:ids) AND status IN (:taking) GROUP BY activity_id`;

/** Places taken of every open activity (those with none have no row). */
const ALL_SQL = `SELECT s.activity_id, COUNT(*) AS n FROM volunteer_signups s
  JOIN volunteer_activities a ON a.id = s.activity_id AND a.status IN ('published', 'in_progress')
  WHERE s.status IN (:taking) GROUP BY s.activity_id`;

/** More activities' counts than this held: start again (a count is one small map entry). */
const MAX_HELD = 200_000;
/**
 * A count held this long is read again even if no change was announced: a sign-up committed by a
 * process that stopped before announcing it (or a row written by hand) shows within a minute.
 */
const HELD_MS = 60_000;

/**
 * The places taken of activities, held in this process for the search near a point and kept
 * current with every process's sign-up changes through the shared cache
 * (platform/cache/live-rows): a sign-up, a cancellation, a decision or a promotion from the
 * waiting list announces its activity after its commit, and before its next search every
 * process forgets that activity's count and counts it again (one statement for the page's
 * activities it does not hold). A count read while some announced change was applied is not
 * kept (it may predate the change); none is held longer than a minute (HELD_MS).
 */
export function liveTaken(p: Pick<Platform, 'cache' | 'db' | 'logger'>) {
  const counts = new Map<number, { n: number; at: number }>();
  let generation = 0;
  // Every open activity's count, read at once (ALL_SQL) at `allAt` (0: none held): an activity
  // without an entry then has none taken, unless announced since (`stale`: read by itself).
  let allAt = 0;
  const stale = new Set<number>();
  let allRead: Promise<void> | undefined;
  const live = createLiveRows<number>(
    p.cache,
    SIGNUP_CHANGES_KEY,
    {
      // Nothing is loaded ahead: a count is read when a page first needs it.
      loadAll: async () => [],
      loadIds: async () => [],
      reset: () => {
        counts.clear();
        allAt = 0;
        generation++;
      },
      put: (id) => {
        counts.delete(id);
        stale.add(id);
        generation++;
      },
      idOf: (id) => id,
    },
    (err, ids) => p.logger.warn({ err, ids }, 'volunteer: changed sign-ups not announced yet (retrying)'),
  );

  async function read(ids: number[]) {
    const rows = await readRows<{ activity_id: number; n: number | string }>(p.db, TAKEN_SQL, {
      ids,
      taking: [...TAKES_PLACE],
    });
    return new Map(rows.map((t) => [Number(t.activity_id), Number(t.n)]));
  }

  /** Every open activity's count in one statement; those announced while it was read stay stale. */
  async function readAll() {
    stale.clear();
    const at = Date.now();
    const rows = await readRows<{ activity_id: number; n: number | string }>(p.db, ALL_SQL, {
      taking: [...TAKES_PLACE],
    });
    counts.clear();
    for (const t of rows) {
      const id = Number(t.activity_id);
      if (!stale.has(id)) counts.set(id, { n: Number(t.n), at });
    }
    allAt = at;
  }

  return {
    /** Brings the held counts up to every announced change; false when the shared cache cannot be read. */
    current: () => live.current(),
    /** As `current`, given the change number (SIGNUP_CHANGES_KEY) the caller has just read. */
    currentAt: (version: string | number) => live.currentAt(version),
    /** After a commit that changed these activities' sign-ups: every process counts them again. */
    changed: (activityIds: number[]) => live.changed(activityIds),
    /**
     * Places taken of these activities as they are now: held counts (`current` answered true
     * just before) and the others read in one statement; all read when `current` was false.
     */
    async of(ids: number[], current: boolean): Promise<Map<number, number>> {
      if (!current) return read(ids);
      if (Date.now() - allAt > HELD_MS) {
        // Held over a minute (or never read): all read again at once, by one search for all.
        allRead ??= readAll().finally(() => {
          allRead = undefined;
        });
        await allRead;
      }
      const out = new Map<number, number>();
      const missing: number[] = [];
      const now = Date.now();
      const all = now - allAt <= HELD_MS;
      for (const id of ids) {
        const held = counts.get(id);
        if (held !== undefined && now - held.at <= HELD_MS) out.set(id, held.n);
        else if (held === undefined && all && !stale.has(id)) out.set(id, 0);
        else missing.push(id);
      }
      if (!missing.length) return out;
      const since = generation;
      const fresh = await read(missing);
      const keep = since === generation;
      if (keep && counts.size + missing.length > MAX_HELD) {
        counts.clear();
        allAt = 0;
      }
      for (const id of missing) {
        const n = fresh.get(id) ?? 0;
        out.set(id, n);
        if (keep) {
          counts.set(id, { n, at: now });
          stale.delete(id);
        }
      }
      return out;
    },
  };
}

export type TakenCounts = ReturnType<typeof liveTaken>;
