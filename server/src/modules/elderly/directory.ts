import {
  CARE_LEVEL_NAMES,
  type CareLevel,
  ELDERLY_PLACE_KIND_NAMES,
  type ElderlyPlaceDetail,
  type ElderlyPlaceView,
} from '@minzheng/contracts';
import type { Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { LiveRows } from '../../platform/cache/live-rows';
import { readRows } from '../../platform/db/read-rows';
import { boundingBox, distanceM, M_PER_DEG, metresPerDegLng } from '../../platform/geo';
import { placeNotFoundError } from './errors';
import { cellRanges } from './grid';
import type { PlaceIndex } from './place-index';
import type { ElderlyModels, FeeRow, PlaceRow } from './models';
import type { searchQuery } from './schemas';

/** The columns a place's view reads (placeView). */
export const PLACE_COLUMNS =
  'id, kind, name, division_code, address, lat, lng, phone, hours, beds, vacancies, care_levels, price_from_cents, stars, intro, updated_at';

export const careLevelsOf = (stored: string) => stored.split(',').filter(Boolean) as CareLevel[];
export const storeCareLevels = (levels: CareLevel[]) => `,${[...new Set(levels)].join(',')},`;

/** The lowest monthly price of a fee list (a 押金 or a one-off item is not a price per month). */
export function priceFrom(fees: Pick<FeeRow, 'unit' | 'price_cents'>[]): number {
  const monthly = fees.filter((f) => f.unit.includes('月'));
  const list = monthly.length ? monthly : fees;
  return list.length ? Math.min(...list.map((f) => f.price_cents)) : 0;
}

export function placeView(row: PlaceRow): ElderlyPlaceView {
  const levels = careLevelsOf(row.care_levels);
  return {
    id: row.id,
    kind: row.kind,
    kindName: ELDERLY_PLACE_KIND_NAMES[row.kind],
    name: row.name,
    divisionCode: row.division_code,
    address: row.address,
    lat: Number(row.lat),
    lng: Number(row.lng),
    phone: row.phone,
    hours: row.hours,
    beds: row.beds,
    vacancies: row.vacancies,
    careLevels: levels,
    careLevelNames: levels.map((l) => CARE_LEVEL_NAMES[l]),
    priceFromCents: row.price_from_cents,
    stars: row.stars,
    intro: row.intro,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export const feeView = (f: FeeRow) => ({
  id: f.id,
  item: f.item,
  unit: f.unit,
  priceCents: f.price_cents,
  note: f.note,
});

/**
 * The public directory. Searched in this process's place index (place-index.ts: every place's
 * row, by district and by grid cell), brought up to every process's committed change before each
 * search (`live`, one shared-cache read) — no SQL a search. When the shared cache cannot be
 * read, the same search in SQL: filters (division prefix, kind, price, vacancy, level, and near a
 * point the grid cells its circle touches), the database ordering by distance and paging.
 */
export function makeDirectory(db: Sequelize, models: ElderlyModels, index?: { live: LiveRows; places: PlaceIndex }) {
  /** The filters every search takes, as SQL conditions and their values. */
  function filters(query: z.infer<typeof searchQuery>, where: string[], values: unknown[]) {
    if (query.division) {
      where.push('division_code LIKE ?');
      values.push(`${query.division}%`);
    }
    if (query.kind) {
      where.push('kind = ?');
      values.push(query.kind);
    }
    if (query.maxPriceCents !== undefined) {
      where.push('price_from_cents <= ?');
      values.push(query.maxPriceCents);
    }
    if (query.hasVacancy) where.push('vacancies > 0');
    if (query.careLevel) {
      where.push('care_levels LIKE ?');
      values.push(`%,${query.careLevel},%`);
    }
  }

  /**
   * One page and the total, read through readRows (mysql2 directly on MySQL): Sequelize's
   * statement and row building cost more Node time than the search itself. Near a point the
   * total comes beside the page from the same scan of the cells (the window count, MariaDB ≥
   * 10.2, SQLite ≥ 3.25; a page past the end has no row to carry it: counted then, rare);
   * otherwise it is counted apart (a window over a district's places would sort them through a
   * temporary table: more rows examined than the count on the index).
   */
  async function page(
    query: z.infer<typeof searchQuery>,
    where: string[],
    values: unknown[],
    order: string,
    windowCount: boolean,
  ) {
    const cond = where.length ? where.join(' AND ') : '1 = 1';
    const offset = (query.page - 1) * query.pageSize;
    const count = async () =>
      Number(
        (
          await readRows<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM elderly_places WHERE ${cond}`, values)
        )[0].n,
      );
    const select = (extra: string) =>
      readRows<PlaceRow & { total_rows?: number | string }>(
        db,
        `SELECT ${PLACE_COLUMNS}${extra} FROM elderly_places
          WHERE ${cond} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}`,
        values,
      );
    if (!windowCount) {
      const [rows, total] = await Promise.all([select(''), count()]);
      return { rows, total };
    }
    const rows = await select(', COUNT(*) OVER () AS total_rows');
    const total = rows.length ? Number(rows[0].total_rows) : offset > 0 ? await count() : 0;
    return { rows, total };
  }

  async function search(query: z.infer<typeof searchQuery>) {
    if (index && (await index.live.current())) return searchIndex(query, index.places);
    return searchSql(query);
  }

  function searchIndex(query: z.infer<typeof searchQuery>, places: PlaceIndex) {
    if (query.lat === undefined || query.lng === undefined) {
      const { rows, total } = places.district(query);
      return { items: rows.map(placeView), total };
    }
    const { lat, lng } = query;
    const { rows, total } = places.near(query, lat, lng);
    return { items: nearViews(rows, lat, lng), total };
  }

  function nearViews(rows: PlaceRow[], lat: number, lng: number) {
    const items = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const view = placeView(rows[i]) as ElderlyPlaceView & { distanceM: number };
      view.distanceM = Math.round(distanceM({ lat, lng }, view));
      items[i] = view;
    }
    return items;
  }

  /** The search in SQL (no shared cache to keep the index current by, and the index's reference). */
  async function searchSql(query: z.infer<typeof searchQuery>) {
    if (query.lat === undefined || query.lng === undefined) {
      const where: string[] = [];
      const values: unknown[] = [];
      filters(query, where, values);
      const { rows, total } = await page(query, where, values, 'stars DESC, id', false);
      return { items: rows.map(placeView), total };
    }
    return near(query, query.lat, query.lng);
  }

  /**
   * Near a point: only the grid cells the circle touches (see grid.ts), one index range per row of
   * cells, and the filters; the database orders by distance and returns one page.
   */
  async function near(query: z.infer<typeof searchQuery>, lat: number, lng: number) {
    const radius = (query.radiusKm ?? 10) * 1000;
    const k = M_PER_DEG;
    const kLng = metresPerDegLng(lat, k);
    const box = boundingBox(lat, lng, radius, k);
    const ranges = cellRanges(lat, lng, radius, k, kLng);
    const where = [
      `(${ranges.map(([from, to]) => (from === to ? 'grid_cell = ?' : 'grid_cell BETWEEN ? AND ?')).join(' OR ')})`,
      'lat BETWEEN ? AND ?',
      'lng BETWEEN ? AND ?',
    ];
    const values: unknown[] = ranges.flatMap(([from, to]) => (from === to ? [from] : [from, to]));
    values.push(box.minLat, box.maxLat, box.minLng, box.maxLng);
    filters(query, where, values);
    // Distance in SQL, the same arithmetic on SQLite and MariaDB (no trigonometry there): the
    // equirectangular approximation, in metres squared, orders and bounds the circle; within
    // 100 km it differs from the great circle by well under a metre per kilometre. The database
    // sorts and returns one page; the page's exact haversine distance is what is shown.
    const num = (n: number) => Number(n.toFixed(9));
    const dy = `((lat - (${num(lat)})) * ${k})`;
    const dx = `((lng - (${num(lng)})) * ${num(kLng)})`;
    const d2 = `${dy} * ${dy} + ${dx} * ${dx}`;
    where.push(`${d2} <= ${radius * radius}`);
    const { rows, total } = await page(query, where, values, `${d2}, id`, true);
    return { items: nearViews(rows, lat, lng), total };
  }

  async function fees(placeId: number) {
    return models.Fee.findAll({ where: { place_id: placeId }, order: [['seq', 'ASC']], raw: true });
  }

  async function detail(id: number): Promise<ElderlyPlaceDetail> {
    const row = await models.Place.findByPk(id, { raw: true });
    if (!row) throw placeNotFoundError();
    return { ...placeView(row), fees: (await fees(id)).map(feeView) };
  }

  return { search, searchSql, detail, fees };
}
