import type { z } from 'zod';
import { createLiveRows, type LiveRows } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import { boundingBox, M_PER_DEG, metresPerDegLng } from '../../platform/geo';
import type { Platform } from '../../platform/platform';
import { PLACE_COLUMNS } from './directory';
import { cellRanges } from './grid';
import type { PlaceRow } from './models';
import type { searchQuery } from './schemas';

type Query = z.infer<typeof searchQuery>;

const KIND_CODES = new Map<string, number>();
const kindCode = (kind: string) => {
  let code = KIND_CODES.get(kind);
  if (code === undefined) KIND_CODES.set(kind, (code = KIND_CODES.size + 1));
  return code;
};
const LEVEL_BITS = new Map<string, number>();
const levelBit = (level: string) => {
  let bit = LEVEL_BITS.get(level);
  if (bit === undefined) LEVEL_BITS.set(level, (bit = 2 ** Math.min(LEVEL_BITS.size, 30)));
  return bit;
};

/** What the search near a point filters by, as numbers (one shape, read fast), beside the row. */
class Spot {
  readonly id: number;
  readonly lat: number;
  readonly lng: number;
  readonly price: number;
  readonly vacancies: number;
  readonly kind: number;
  readonly levels: number;
  readonly stars: number;
  constructor(readonly row: PlaceRow) {
    this.id = row.id;
    this.lat = row.lat;
    this.lng = row.lng;
    this.price = row.price_from_cents;
    this.vacancies = row.vacancies;
    this.kind = kindCode(row.kind);
    this.stars = row.stars;
    this.levels = 0;
    for (const level of row.care_levels.split(',')) if (level) this.levels |= levelBit(level);
  }
}

/**
 * Every place's row in this process (50,000 places are a few tens of MB), by county (the first
 * six digits of the division) and by grid cell (grid.ts), searched as the directory's SQL
 * searches: the same filters, the same order (stars then id in a district; the flat distance in
 * metres squared then id near a point, in the same double arithmetic as the SQL), the same pages
 * and totals. Kept current by `livePlaces` (every process's writes announce the places they
 * change).
 */
export function createPlaceIndex() {
  const byId = new Map<number, Spot>();
  const cells = new Map<number, Spot[]>();
  const counties = new Map<string, Spot[]>();
  /** Every place, stars descending then id (rebuilt lazily after a change). */
  let all: Spot[] | null = null;
  const sorted = new Set<Spot[]>();

  const county = (code: string) => code.slice(0, 6);
  const byStars = (a: Spot, b: Spot) => b.stars - a.stars || a.id - b.id;
  const add = <K, T>(map: Map<K, T[]>, key: K, row: T) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
    return map.get(key)!;
  };
  const remove = <K, T extends { id: number }>(map: Map<K, T[]>, key: K, id: number) => {
    const list = map.get(key);
    const at = list ? list.findIndex((r) => r.id === id) : -1;
    if (list && at >= 0) list.splice(at, 1);
  };

  function insert(row: PlaceRow) {
    const spot = new Spot(row);
    byId.set(row.id, spot);
    add(cells, row.grid_cell, spot);
    sorted.delete(add(counties, county(row.division_code), spot));
  }

  /** The search's filters as numbers (null: a kind or level no place has, so nothing matches). */
  function filtersOf(q: Query) {
    const kind = q.kind ? (KIND_CODES.get(q.kind) ?? -1) : 0;
    const level = q.careLevel ? (LEVEL_BITS.get(q.careLevel) ?? -1) : 0;
    if (kind < 0 || level < 0) return null;
    return {
      kind,
      level,
      maxPrice: q.maxPriceCents ?? Number.POSITIVE_INFINITY,
      minVacancies: q.hasVacancy ? 1 : Number.NEGATIVE_INFINITY,
    };
  }

  return {
    reset(rows: PlaceRow[]) {
      byId.clear();
      cells.clear();
      counties.clear();
      sorted.clear();
      all = null;
      for (const row of rows) insert(row);
    },
    put(id: number, row: PlaceRow | undefined) {
      const old = byId.get(id)?.row;
      if (old) {
        byId.delete(id);
        remove(cells, old.grid_cell, id);
        remove(counties, county(old.division_code), id);
      }
      all = null;
      if (row) insert(row);
    },
    /** Without a point: by division prefix and the filters, stars descending then id. */
    district(q: Query) {
      let list: Spot[];
      if (q.division && q.division.length >= 6) {
        list = counties.get(county(q.division)) ?? [];
        if (!sorted.has(list)) {
          list.sort(byStars);
          sorted.add(list);
        }
      } else {
        all ??= [...byId.values()].sort(byStars);
        list = all;
      }
      const f = filtersOf(q);
      if (!f) return { rows: [], total: 0 };
      const { kind, level, maxPrice, minVacancies } = f;
      // A county's list holds only its places: a county's code needs no check.
      const division = q.division && q.division.length !== 6 ? q.division : undefined;
      const from = (q.page - 1) * q.pageSize;
      const rows: PlaceRow[] = [];
      let total = 0;
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (s.price > maxPrice || s.vacancies < minVacancies) continue;
        if ((kind && s.kind !== kind) || (level && !(s.levels & level))) continue;
        if (division && !s.row.division_code.startsWith(division)) continue;
        if (total >= from && rows.length < q.pageSize) rows.push(s.row);
        total++;
      }
      return { rows, total };
    },
    /** Near a point: the cells the circle touches, the box, the flat circle and the filters, nearest then id. */
    near(q: Query, lat: number, lng: number) {
      const radius = (q.radiusKm ?? 10) * 1000;
      const k = M_PER_DEG;
      const kLng = metresPerDegLng(lat, k);
      const box = boundingBox(lat, lng, radius, k);
      const f = filtersOf(q);
      if (!f) return { rows: [], total: 0 };
      const { kind, level, maxPrice, minVacancies } = f;
      const division = q.division;
      // The SQL's constants, as it writes them.
      const num = (n: number) => Number(n.toFixed(9));
      const lat0 = num(lat);
      const lng0 = num(lng);
      const kx = num(kLng);
      const r2 = radius * radius;
      const { minLat, maxLat, minLng, maxLng } = box;
      // The first `want` in order, kept sorted as they come (a page is a few dozen of a few
      // hundred matches: no sort of them all); every match counted.
      const from = (q.page - 1) * q.pageSize;
      const want = from + q.pageSize;
      const best: { row: PlaceRow; id: number; d2: number }[] = [];
      let total = 0;
      for (const [first, last] of cellRanges(lat, lng, radius, k, kLng))
        for (let cell = first; cell <= last; cell++) {
          const list = cells.get(cell);
          if (!list) continue;
          for (let i = 0; i < list.length; i++) {
            const s = list[i];
            if (s.price > maxPrice || s.vacancies < minVacancies) continue;
            if ((kind && s.kind !== kind) || (level && !(s.levels & level))) continue;
            if (s.lat < minLat || s.lat > maxLat || s.lng < minLng || s.lng > maxLng) continue;
            const dy = (s.lat - lat0) * k;
            const dx = (s.lng - lng0) * kx;
            const d2 = dy * dy + dx * dx;
            if (d2 > r2 || (division && !s.row.division_code.startsWith(division))) continue;
            total++;
            let at = best.length;
            while (at > 0 && (best[at - 1].d2 > d2 || (best[at - 1].d2 === d2 && best[at - 1].id > s.id))) at--;
            if (at >= want) continue;
            best.splice(at, 0, { row: s.row, id: s.id, d2 });
            if (best.length > want) best.pop();
          }
        }
      return { rows: best.slice(from).map((f) => f.row), total };
    },
  };
}

export type PlaceIndex = ReturnType<typeof createPlaceIndex>;

/** The place index of this process, kept current through the shared cache (platform/cache/live-rows). */
export function livePlaces(p: Pick<Platform, 'cache' | 'db' | 'logger'>): { live: LiveRows; places: PlaceIndex } {
  const { cache, db } = p;
  const places = createPlaceIndex();
  const columns = `${PLACE_COLUMNS}, grid_cell`;
  const typed = (rows: PlaceRow[]) => {
    for (const r of rows) {
      r.lat = Number(r.lat);
      r.lng = Number(r.lng);
    }
    return rows;
  };
  const live = createLiveRows<PlaceRow>(
    cache,
    'elderly:places:changes',
    {
      loadAll: async () => typed(await readRows<PlaceRow>(db, `SELECT ${columns} FROM elderly_places`, [])),
      loadIds: async (ids) =>
        typed(await readRows<PlaceRow>(db, `SELECT ${columns} FROM elderly_places WHERE id IN (:ids)`, { ids })),
      reset: places.reset,
      put: places.put,
      idOf: (row) => row.id,
    },
    (err, ids) => p.logger.warn({ err, ids }, 'elderly: changed places not announced yet (retrying)'),
  );
  return { live, places };
}
