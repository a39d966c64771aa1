import { createLiveRows, type LiveRows } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import { latRow, lngColumn } from '../../platform/geo';
import type { Platform } from '../../platform/platform';

/** What the search near a point filters and orders by, of an activity open to volunteers. */
export interface SpotRow {
  id: number;
  lat: number;
  lng: number;
  lat_band: number | null;
  status: string;
  division_code: string;
  type: string;
  startsMs: number;
  endsMs: number;
  /** Its item as a page shows it (liveActivities' `shown`), built from the same read. */
  full?: unknown;
}

/** The search's filters, as its SQL takes them (activities.ts). */
export interface NearFilters {
  now: number;
  division?: string;
  type?: string;
  dayStart?: number;
  dayEnd?: number;
  lat: number;
  lng: number;
  k2: number;
  r2: number;
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
  /** Per latitude band the longitudes the circle spans there. */
  spans: { band: number; lo: number; hi: number }[];
  limit: number;
}

/** An activity's whole row with its organization's name and contact (null when it has none). */
const FULL_SQL = `SELECT a.*, o.name AS org_name, o.contact AS org_contact, o.id AS org_found
  FROM volunteer_activities a LEFT JOIN volunteer_orgs o ON o.id = a.org_id`;
const LOAD_CHUNK = 20_000;
/** Degrees a cell's bounds are widened by when skipping it (its rows are rounded to 1e-7°). */
const CELL_SLACK = 1e-6;
const OPEN = new Set(['published', 'in_progress']);
const COLUMNS = 'id, lat, lng, lat_band, status, division_code, type, starts_at, ends_at';
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
/** A cell's key: one per (band, column), as a column is −18,000…18,000. */
const cellOf = (band: number, lng: number) => band * 36_001 + lngColumn(lng) + 18_000;
/** Numbers a cell's row packs (Cell.packed): lat, lng, starts, ends (ms), id. */
const PACKED = 5;

/**
 * The open activities of one 0.01° cell, and what the search near a point compares of them packed
 * side by side (built when first visited, dropped when the cell changes): a search reads a
 * cell's numbers from one block, not from each activity's object wherever it lies in the heap.
 */
interface Cell {
  rows: SpotRow[];
  packed: Float64Array | null;
}

function pack(cell: Cell): Float64Array {
  const packed = new Float64Array(cell.rows.length * PACKED);
  cell.rows.forEach((a, k) => {
    packed.set([a.lat, a.lng, a.startsMs, a.endsMs, a.id], k * PACKED);
  });
  cell.packed = packed;
  return packed;
}

/**
 * The activities open to volunteers (published or in progress) in this process, by 0.01° cell
 * (latitude band × longitude column), for the search near a point: the ids of a page, as the
 * search's SQL would choose them (the same filters, the flat distance then id, in the same double
 * arithmetic). Kept current by `liveActivities`: every process's status change announces the
 * activity, before its next search every process reloads it.
 */
export function createActivityIndex<Full>() {
  const byId = new Map<number, SpotRow>();
  const cells = new Map<number, Cell>();
  // Whole rows of activities a page showed, as read (an activity changes only by an announced
  // write, its organization never): dropped when the activity is announced. `generation` counts
  // the drops, so a row read while one happened is not kept (it may predate the change).
  // Every open activity's is held from the same read as its spot (liveActivities with `shown`):
  // a page is joined from held items with no SQL.
  const full = new Map<number, Full>();
  let generation = 0;
  const FULL_MAX = 250_000;

  function drop(id: number) {
    const old = byId.get(id);
    if (!old) return;
    byId.delete(id);
    if (old.lat_band === null) return;
    const cell = cells.get(cellOf(old.lat_band, old.lng));
    const at = cell ? cell.rows.indexOf(old) : -1;
    if (cell && at >= 0) {
      cell.rows.splice(at, 1);
      cell.packed = null;
    }
  }
  function insert(row: SpotRow) {
    if (!OPEN.has(row.status)) return;
    byId.set(row.id, row);
    if (row.full !== undefined) full.set(row.id, row.full as Full);
    // Without a band the SQL's band ranges never match it either.
    if (row.lat_band === null) return;
    const key = cellOf(row.lat_band, row.lng);
    const cell = cells.get(key);
    if (cell) {
      cell.rows.push(row);
      cell.packed = null;
    } else cells.set(key, { rows: [row], packed: null });
  }

  return {
    reset(rows: SpotRow[]) {
      byId.clear();
      cells.clear();
      full.clear();
      generation++;
      for (const row of rows) insert(row);
    },
    put(id: number, row: SpotRow | undefined) {
      full.delete(id);
      generation++;
      drop(id);
      if (row) insert(row);
    },
    /** Counts every announced change applied (and every reload): what was read before a different one may be stale. */
    version: () => generation,
    /** The whole rows kept of these ids (in their order, undefined where not kept), and the ids not kept. */
    kept(ids: number[]) {
      const rows: (Full | undefined)[] = new Array(ids.length);
      const missing: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        rows[i] = full.get(ids[i]);
        if (rows[i] === undefined) missing.push(ids[i]);
      }
      return { rows, missing, generation };
    },
    /** Keeps whole rows read since `since` (kept(): not if an announced change came in between). */
    keep(since: number, rows: Map<number, Full>) {
      if (since !== generation) return;
      if (full.size + rows.size > FULL_MAX) full.clear();
      for (const [id, row] of rows) full.set(id, row);
    },
    /**
     * The ids of the page near a point, nearest (flat measure) first, then by id; and `until`, the
     * first end among them (ms): the page stays what this answers until then, or until an
     * announced change (`version`). An activity that is not on the page and ends changes nothing.
     */
    near(f: NearFilters): { ids: number[]; until: number } {
      // The first `limit` in order, kept sorted as they come (parallel arrays: no object a candidate).
      const ids: number[] = [];
      const d2s: number[] = [];
      const ends: number[] = [];
      let worst = Number.POSITIVE_INFINITY; // d2 of the last kept once `limit` are kept
      if (!f.spans.length) return { ids, until: worst };
      // The filters as locals (read in the innermost loop).
      const { lat, lng, k2, r2, minLat, maxLat, minLng, maxLng, now, division, type, dayStart, dayEnd, limit } = f;
      // Each band's span as columns (bands without one: none), over the bands and columns they cover.
      let bLo = Number.POSITIVE_INFINITY;
      let bHi = Number.NEGATIVE_INFINITY;
      let cLo = Number.POSITIVE_INFINITY;
      let cHi = Number.NEGATIVE_INFINITY;
      for (const s of f.spans) {
        bLo = Math.min(bLo, s.band);
        bHi = Math.max(bHi, s.band);
        cLo = Math.min(cLo, lngColumn(s.lo));
        cHi = Math.max(cHi, lngColumn(s.hi));
      }
      const spanOf: ({ lo: number; hi: number; first: number; last: number } | undefined)[] = new Array(bHi - bLo + 1);
      for (const s of f.spans)
        spanOf[s.band - bLo] = { lo: s.lo, hi: s.hi, first: lngColumn(s.lo), last: lngColumn(s.hi) };
      // Degrees from the point to a band's or a column's nearest edge (0 inside), its bounds
      // widened by CELL_SLACK.
      const latGap = (band: number) => Math.max(0, band / 100 - CELL_SLACK - lat, lat - (band + 1) / 100 - CELL_SLACK);
      const lngGap = (col: number) => Math.max(0, col / 100 - CELL_SLACK - lng, lng - (col + 1) / 100 - CELL_SLACK);

      const visit = (band: number, col: number, dLat: number, lo: number, hi: number) => {
        const dLng = lngGap(col);
        const near2 = dLat * dLat + dLng * dLng * k2;
        if (near2 > worst || near2 > r2) return;
        // Every row of the cell is in this band (a cell's key is its band and column).
        const cell = cells.get(band * 36_001 + col + 18_000);
        if (!cell) return;
        const packed = cell.packed ?? pack(cell);
        for (let k = 0, o = 0; o < packed.length; k++, o += PACKED) {
          const aLat = packed[o];
          const aLng = packed[o + 1];
          if (aLng < lo || aLng > hi) continue;
          if (aLat < minLat || aLat > maxLat || aLng < minLng || aLng > maxLng) continue;
          const d2 = (aLat - lat) * (aLat - lat) + (aLng - lng) * (aLng - lng) * k2;
          const endsMs = packed[o + 3];
          if (d2 > r2 || d2 > worst || endsMs <= now) continue;
          if (division !== undefined && !cell.rows[k].division_code.startsWith(division)) continue;
          if (type !== undefined && cell.rows[k].type !== type) continue;
          if (dayEnd !== undefined && !(packed[o + 2] < dayEnd && endsMs > dayStart!)) continue;
          const id = packed[o + 4];
          let at = ids.length;
          while (at > 0 && (d2s[at - 1] > d2 || (d2s[at - 1] === d2 && ids[at - 1] > id))) at--;
          if (at >= limit) continue;
          // Moved one place down from `at` (the last falls off once `limit` are kept).
          let j = Math.min(ids.length, limit - 1);
          for (; j > at; j--) {
            ids[j] = ids[j - 1];
            d2s[j] = d2s[j - 1];
            ends[j] = ends[j - 1];
          }
          ids[at] = id;
          d2s[at] = d2;
          ends[at] = endsMs;
          if (ids.length === limit) worst = d2s[limit - 1];
        }
      };
      /** Visits the cells of a band from column `from` to `to` (clipped to its span), nearest the point first. */
      const row = (band: number, from: number, to: number) => {
        const s = band >= bLo && band <= bHi ? spanOf[band - bLo] : undefined;
        if (!s) return;
        const dLat = latGap(band);
        if (dLat * dLat > worst || dLat * dLat > r2) return;
        const first = Math.max(from, s.first);
        const last = Math.min(to, s.last);
        if (first > last) return;
        const mid = Math.min(last, Math.max(first, pc));
        for (let step = 0; step <= 2 * (last - first); step++) {
          const col = step & 1 ? mid - (step + 1) / 2 : mid + step / 2;
          if (col >= first && col <= last) visit(band, col, dLat, s.lo, s.hi);
        }
      };
      /** Visits the cells of a band in columns `left` and `right` (those in its span). */
      const side = (band: number, left: number, right: number) => {
        const s = band >= bLo && band <= bHi ? spanOf[band - bLo] : undefined;
        if (!s) return;
        const dLat = latGap(band);
        if (dLat * dLat > worst || dLat * dLat > r2) return;
        if (left >= s.first && left <= s.last) visit(band, left, dLat, s.lo, s.hi);
        if (right >= s.first && right <= s.last) visit(band, right, dLat, s.lo, s.hi);
      };

      // Rings of cells around the point's cell (ring r: the cells r bands or r columns away,
      // whichever is more), nearest first; a cell whose nearest corner is farther than the
      // current last is skipped, and the rings stop where every cell of one is (every later
      // ring's is farther still). The order changes what is visited, never the page: (d2, id)
      // orders it whatever the visit's order.
      const pb = latRow(lat);
      const pc = lngColumn(lng);
      // The point outside the spans' cells (never, as the circle's box holds it): every ring walked.
      const inside = pb >= bLo && pb <= bHi && pc >= cLo && pc <= cHi;
      const rings = Math.max(pb - bLo, bHi - pb, pc - cLo, cHi - pc);
      for (let r = 0; r <= rings; r++) {
        if (r > 0 && inside) {
          const dLat = Math.min(latGap(pb - r), latGap(pb + r));
          const dLng = Math.min(lngGap(pc - r), lngGap(pc + r));
          const low = Math.min(dLat * dLat, dLng * dLng * k2);
          if (low > worst || low > r2) break;
        }
        if (r === 0) {
          row(pb, pc, pc);
          continue;
        }
        // The ring's two columns between its first and last band, bands nearest the point first;
        // then those two bands.
        for (let k = 0; k < r; k++) {
          side(pb - k, pc - r, pc + r);
          if (k) side(pb + k, pc - r, pc + r);
        }
        row(pb - r, pc - r, pc + r);
        row(pb + r, pc - r, pc + r);
      }
      let until = Number.POSITIVE_INFINITY;
      for (const e of ends) if (e < until) until = e;
      return { ids, until };
    },
  };
}

export type ActivityIndex<Full> = ReturnType<typeof createActivityIndex<Full>>;

/** The activity index of this process, kept current through the shared cache (platform/cache/live-rows). */
export function liveActivities<Full>(
  p: Pick<Platform, 'cache' | 'db' | 'logger'>,
  /**
   * An activity's item as a page shows it, from its whole row with its organization's `org_name`
   * and `org_contact` (null: no organization, none held): built for every open activity, at the
   * index's load and again whenever the activity is announced (the same reload as its spot).
   */
  shown?: (row: Record<string, any>) => Full | null,
): {
  live: LiveRows;
  spots: ActivityIndex<Full>;
} {
  const { cache, db } = p;
  const spots = createActivityIndex<Full>();
  const typed = (rows: Array<SpotRow & { starts_at: unknown; ends_at: unknown }>): SpotRow[] =>
    rows.map((r) => ({
      full: shown && OPEN.has(r.status) ? (shown(r) ?? undefined) : undefined,
      id: Number(r.id),
      lat: Number(r.lat),
      lng: Number(r.lng),
      lat_band: r.lat_band === null ? null : Number(r.lat_band),
      status: r.status,
      division_code: r.division_code,
      type: r.type,
      startsMs: ms(r.starts_at),
      endsMs: ms(r.ends_at),
    }));
  const live = createLiveRows<SpotRow>(
    cache,
    'volunteer:activities:changes',
    {
      loadAll: async () => {
        if (!shown)
          return typed(
            await readRows(
              db,
              `SELECT ${COLUMNS} FROM volunteer_activities WHERE status IN ('published', 'in_progress')`,
              [],
            ),
          );
        // Whole rows, LOAD_CHUNK at a time (the rows read are dropped once typed).
        const out: SpotRow[] = [];
        for (let after = 0; ; ) {
          const rows = await readRows<SpotRow & { starts_at: unknown; ends_at: unknown }>(
            db,
            `${FULL_SQL} WHERE a.status IN ('published', 'in_progress') AND a.id > :after ORDER BY a.id LIMIT ${LOAD_CHUNK}`,
            { after },
          );
          for (const r of typed(rows)) out.push(r);
          if (rows.length < LOAD_CHUNK) return out;
          after = Number(rows[rows.length - 1].id);
        }
      },
      loadIds: async (ids) =>
        typed(
          await readRows(
            db,
            shown
              ? `${FULL_SQL} WHERE a.id IN (:ids)`
              : `SELECT ${COLUMNS} FROM volunteer_activities WHERE id IN (:ids)`,
            {
              ids,
            },
          ),
        ),
      reset: spots.reset,
      put: spots.put,
      idOf: (row) => row.id,
    },
    (err, ids) => p.logger.warn({ err, ids }, 'volunteer: changed activities not announced yet (retrying)'),
  );
  return { live, spots };
}
