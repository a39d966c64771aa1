import { createLiveRows, type LiveRows } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import { latRow, lngColumn } from '../../platform/geo';
import type { Platform } from '../../platform/platform';

/**
 * An activity's item as a page shows it (activities.ts): its JSON's UTF-8 bytes around its
 * places-left number, `bytes[0, cut)` before it and `[cut, end)` after it.
 */
export interface ItemText {
  bytes: Buffer;
  cut: number;
  quota: number;
}

/** What the search near a point filters and orders by, of an activity open to volunteers, as read. */
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
  item?: ItemText;
}

/**
 * An item of a page as held when the page was picked: its bytes are `bytes[at, cut)` before its
 * places-left number and `[cut, end)` after it. Never written again (a slab is only appended to;
 * a compaction writes new slabs), so an item stays whole across a request's awaits.
 */
export interface HeldItem {
  id: number;
  quota: number;
  lat: number;
  lng: number;
  bytes: Buffer;
  at: number;
  cut: number;
  end: number;
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
const FULL_SQL = `SELECT a.*, o.name AS org_name, o.id AS org_found
  FROM volunteer_activities a LEFT JOIN volunteer_orgs o ON o.id = a.org_id`;
const LOAD_CHUNK = 20_000;
/** Degrees a cell's bounds are widened by when skipping it (its rows are rounded to 1e-7°). */
const CELL_SLACK = 1e-6;
const OPEN = new Set(['published', 'in_progress']);
const COLUMNS = 'id, lat, lng, lat_band, status, division_code, type, starts_at, ends_at';
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
/** A cell's key: one per (band, column), as a column is −18,000…18,000. */
const cellOf = (band: number, lng: number) => band * 36_001 + lngColumn(lng) + 18_000;
/** Items' bytes are written one after another into slabs of this size (a bigger item gets its own buffer). */
const SLAB = 1 << 20;
/** Bytes of replaced or dropped items beyond which (and beyond the live ones) the items are copied into new slabs. */
const COMPACT_MIN = 16 << 20;

/**
 * The rows' positions in cell order (band, then column; rows without a band last), each cell's
 * rows in their given order. A load inserts them so: slots and item bytes of neighbouring cells
 * are neighbours in memory, and a page near a point — 50 items from a few neighbouring cells —
 * reads a few runs of memory instead of 50 scattered ones. Held in id order, each of its items was
 * a cache miss of its own: copying a 33 KB page took ~50 µs, for 5 µs of copying
 * (bench/HISTORY.md, 2026-12-07 evening).
 */
function byCell(rows: SpotRow[]): Uint32Array {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    keys[i] = r.lat_band === null ? Number.POSITIVE_INFINITY : cellOf(r.lat_band, r.lng);
  }
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => keys[a] - keys[b] || a - b);
}

/** A column grown to `size` rows, its rows kept. */
function widen<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * The activities open to volunteers (published or in progress) in this process, by 0.01° cell
 * (latitude band × longitude column), for the search near a point: the ids of a page, as the
 * search's SQL would choose them (the same filters, the flat distance then id, in the same double
 * arithmetic). Kept current by `liveActivities`: every process's status change announces the
 * activity, before its next search every process reloads it.
 *
 * Held as columns, not objects: each activity is a slot, its numbers in typed arrays, its division
 * and type numbers into a table of the distinct strings, its item's JSON bytes in 1 MB slabs
 * (offsets per slot), a cell the slots in it. Typed arrays' and buffers' contents are memory
 * outside the V8 heap that its collector never walks: 100,000 activities are a few dozen objects
 * of the heap, not ~700,000 (objects, strings, buffer views, map entries), so the major
 * collections of a busy process have little to mark (bench/HISTORY.md, 2026-12-07 near4).
 */
export function createActivityIndex(
  /** Sizes (bytes) of an items' slab and of the dropped items' bytes beyond which they are compacted: stories use small ones. */
  sizes: { slab?: number; compactMin?: number } = {},
) {
  const slabSize = sizes.slab ?? SLAB;
  const compactMin = sizes.compactMin ?? COMPACT_MIN;
  let cap = 0;
  let used = 0; // slots ever given out since the last reset (freed ones are reused first)
  let free: number[] = [];
  let idCol = new Float64Array(0);
  let latCol = new Float64Array(0);
  let lngCol = new Float64Array(0);
  let startCol = new Float64Array(0);
  let endCol = new Float64Array(0);
  let quotaCol = new Float64Array(0);
  /** The slot's cell key (NaN: no band, in no cell). */
  let cellCol = new Float64Array(0);
  let divisionCol = new Int32Array(0);
  let typeCol = new Int32Array(0);
  /** Where the slot's item's bytes are: its slab (−1: none held), first byte, first after the head, end. */
  let slabCol = new Int32Array(0);
  let atCol = new Int32Array(0);
  let cutCol = new Int32Array(0);
  let endByteCol = new Int32Array(0);
  const byId = new Map<number, number>();
  const cells = new Map<number, number[]>();
  // Division codes and types, each distinct string once (numbered as first met).
  let names: string[] = [];
  let nameOf = new Map<string, number>();
  let slabs: Buffer[] = [];
  let current = -1; // the slab being filled
  let currentAt = 0;
  let liveBytes = 0;
  let deadBytes = 0;
  // An item is dropped when its activity is announced. `generation` counts the drops, so an item
  // read while one happened is not kept (it may predate the change).
  let generation = 0;

  function grow(size: number) {
    if (size <= cap) return;
    cap = Math.max(size, cap * 2, 1024);
    idCol = widen(idCol, cap);
    latCol = widen(latCol, cap);
    lngCol = widen(lngCol, cap);
    startCol = widen(startCol, cap);
    endCol = widen(endCol, cap);
    quotaCol = widen(quotaCol, cap);
    cellCol = widen(cellCol, cap);
    divisionCol = widen(divisionCol, cap);
    typeCol = widen(typeCol, cap);
    slabCol = widen(slabCol, cap);
    atCol = widen(atCol, cap);
    cutCol = widen(cutCol, cap);
    endByteCol = widen(endByteCol, cap);
  }
  function nameNumber(s: string) {
    let n = nameOf.get(s);
    if (n === undefined) {
      n = names.length;
      names.push(s);
      nameOf.set(s, n);
    }
    return n;
  }
  /** Room for `size` bytes: the slab and offset, in `placed`. */
  const placed = { slab: 0, at: 0 };
  function place(size: number) {
    if (size > slabSize / 4) {
      slabs.push(Buffer.allocUnsafeSlow(size));
      placed.slab = slabs.length - 1;
      placed.at = 0;
      return;
    }
    if (current < 0 || currentAt + size > slabSize) {
      slabs.push(Buffer.allocUnsafeSlow(slabSize));
      current = slabs.length - 1;
      currentAt = 0;
    }
    placed.slab = current;
    placed.at = currentAt;
    currentAt += size;
  }
  function forget(slot: number) {
    if (slabCol[slot] < 0) return;
    const size = endByteCol[slot] - atCol[slot];
    liveBytes -= size;
    deadBytes += size;
    slabCol[slot] = -1;
  }
  function writeItem(slot: number, item: ItemText) {
    forget(slot);
    const size = item.bytes.length;
    place(size);
    slabs[placed.slab].set(item.bytes, placed.at);
    slabCol[slot] = placed.slab;
    atCol[slot] = placed.at;
    cutCol[slot] = placed.at + item.cut;
    endByteCol[slot] = placed.at + size;
    quotaCol[slot] = item.quota;
    liveBytes += size;
    if (deadBytes > compactMin && deadBytes > liveBytes) compact();
  }
  /** Every held item copied into new slabs, the bytes of replaced and dropped ones left behind. */
  function compact() {
    const old = slabs;
    slabs = [];
    current = -1;
    currentAt = 0;
    deadBytes = 0;
    // In slot order, which is cell order for the activities of the last load (byCell): items of
    // neighbouring cells stay next to each other.
    for (let slot = 0; slot < used; slot++) {
      if (slabCol[slot] < 0) continue;
      const from = old[slabCol[slot]];
      const size = endByteCol[slot] - atCol[slot];
      place(size);
      from.copy(slabs[placed.slab], placed.at, atCol[slot], endByteCol[slot]);
      cutCol[slot] += placed.at - atCol[slot];
      slabCol[slot] = placed.slab;
      atCol[slot] = placed.at;
      endByteCol[slot] = placed.at + size;
    }
  }

  function drop(id: number) {
    const slot = byId.get(id);
    if (slot === undefined) return;
    byId.delete(id);
    forget(slot);
    const key = cellCol[slot];
    if (!Number.isNaN(key)) {
      const cell = cells.get(key);
      const at = cell ? cell.indexOf(slot) : -1;
      if (cell && at >= 0) {
        cell.splice(at, 1);
        if (!cell.length) cells.delete(key);
      }
    }
    free.push(slot);
  }
  function insert(row: SpotRow) {
    if (!OPEN.has(row.status)) return;
    let slot = free.pop();
    if (slot === undefined) {
      grow(used + 1);
      slot = used++;
    }
    byId.set(row.id, slot);
    idCol[slot] = row.id;
    latCol[slot] = row.lat;
    lngCol[slot] = row.lng;
    startCol[slot] = row.startsMs;
    endCol[slot] = row.endsMs;
    divisionCol[slot] = nameNumber(row.division_code);
    typeCol[slot] = nameNumber(row.type);
    slabCol[slot] = -1;
    if (row.item !== undefined) writeItem(slot, row.item);
    // Without a band the SQL's band ranges never match it either.
    if (row.lat_band === null) {
      cellCol[slot] = Number.NaN;
      return;
    }
    const key = cellOf(row.lat_band, row.lng);
    cellCol[slot] = key;
    const cell = cells.get(key);
    if (cell) cell.push(slot);
    else cells.set(key, [slot]);
  }

  return {
    reset(rows: SpotRow[]) {
      byId.clear();
      cells.clear();
      free = [];
      used = 0;
      names = [];
      nameOf = new Map();
      slabs = [];
      current = -1;
      currentAt = 0;
      liveBytes = 0;
      deadBytes = 0;
      generation++;
      grow(rows.length);
      for (const i of byCell(rows)) insert(rows[i]);
    },
    put(id: number, row: SpotRow | undefined) {
      generation++;
      drop(id);
      if (row) insert(row);
    },
    /** Counts every announced change applied (and every reload): what was read before a different one may be stale. */
    version: () => generation,
    /** The items held of these ids (in their order, undefined where none is held), and the ids without one. */
    kept(ids: number[]) {
      const rows: (HeldItem | undefined)[] = new Array(ids.length);
      const missing: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const slot = byId.get(ids[i]);
        if (slot === undefined || slabCol[slot] < 0) {
          missing.push(ids[i]);
          continue;
        }
        rows[i] = {
          id: ids[i],
          quota: quotaCol[slot],
          lat: latCol[slot],
          lng: lngCol[slot],
          bytes: slabs[slabCol[slot]],
          at: atCol[slot],
          cut: cutCol[slot],
          end: endByteCol[slot],
        };
      }
      return { rows, missing, generation };
    },
    /** Holds items read since `since` (kept(): not if an announced change came in between). */
    keep(since: number, items: Map<number, ItemText>) {
      if (since !== generation) return;
      for (const [id, item] of items) {
        const slot = byId.get(id);
        if (slot !== undefined) writeItem(slot, item);
      }
    },
    /** What is held: activities, distinct division codes and types, slabs, and the bytes of items live and left behind. */
    size: () => ({ activities: byId.size, names: names.length, slabs: slabs.length, liveBytes, deadBytes }),
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

      // The columns as locals (a reload or growth replaces them, never during a walk).
      const lats = latCol;
      const lngs = lngCol;
      const starts = startCol;
      const endings = endCol;
      const idsOf = idCol;
      const divisions = divisionCol;
      const types = typeCol;
      // The type as its number (−2: a type no activity has, matching none).
      const typeNumber = type === undefined ? -1 : (nameOf.get(type) ?? -2);

      const visit = (band: number, col: number, dLat: number, lo: number, hi: number) => {
        const dLng = lngGap(col);
        const near2 = dLat * dLat + dLng * dLng * k2;
        if (near2 > worst || near2 > r2) return;
        // Every row of the cell is in this band (a cell's key is its band and column).
        const cell = cells.get(band * 36_001 + col + 18_000);
        if (!cell) return;
        for (let k = 0; k < cell.length; k++) {
          const s = cell[k];
          const aLat = lats[s];
          const aLng = lngs[s];
          if (aLng < lo || aLng > hi) continue;
          if (aLat < minLat || aLat > maxLat || aLng < minLng || aLng > maxLng) continue;
          const d2 = (aLat - lat) * (aLat - lat) + (aLng - lng) * (aLng - lng) * k2;
          const endsMs = endings[s];
          if (d2 > r2 || d2 > worst || endsMs <= now) continue;
          if (division !== undefined && !names[divisions[s]].startsWith(division)) continue;
          if (type !== undefined && types[s] !== typeNumber) continue;
          if (dayEnd !== undefined && !(starts[s] < dayEnd && endsMs > dayStart!)) continue;
          const id = idsOf[s];
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

export type ActivityIndex = ReturnType<typeof createActivityIndex>;

/** The activity index of this process, kept current through the shared cache (platform/cache/live-rows). */
/** The shared cache's change number of activities (createLiveRows), read together with the sign-ups' by a search. */
export const ACTIVITY_CHANGES_KEY = 'volunteer:activities:changes';

export function liveActivities(
  p: Pick<Platform, 'cache' | 'db' | 'logger'>,
  /**
   * An activity's item as a page shows it, from its whole row with its organization's `org_name`
   * (null: no organization, none held): built for every open activity, at the
   * index's load and again whenever the activity is announced (the same reload as its spot).
   */
  shown?: (row: Record<string, any>) => ItemText | null,
): {
  live: LiveRows;
  spots: ActivityIndex;
} {
  const { cache, db } = p;
  const spots = createActivityIndex();
  const typed = (rows: Array<SpotRow & { starts_at: unknown; ends_at: unknown }>): SpotRow[] =>
    rows.map((r) => ({
      item: shown && OPEN.has(r.status) ? (shown(r) ?? undefined) : undefined,
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
    ACTIVITY_CHANGES_KEY,
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
