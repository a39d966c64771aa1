import {
  CARE_LEVEL_NAMES,
  type CareLevel,
  ELDERLY_PLACE_KIND_NAMES,
  type ElderlyPlaceDetail,
  type ElderlyPlaceView,
} from '@minzheng/contracts';
import { literal, Op, type WhereOptions, where } from 'sequelize';
import type { z } from 'zod';
import { placeNotFoundError } from './errors';
import { cellRanges } from './grid';
import type { ElderlyModels, FeeRow, PlaceRow } from './models';
import type { searchQuery } from './schemas';

const EARTH_M = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return Math.round(2 * EARTH_M * Math.asin(Math.sqrt(a)));
}

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
 * The public directory: filters run in SQL (division prefix, kind, price, vacancy, level, and
 * near a point the grid cells its circle touches); the database orders by distance and pages.
 */
export function makeDirectory(models: ElderlyModels) {
  async function search(query: z.infer<typeof searchQuery>) {
    const and: WhereOptions[] = [];
    if (query.division) and.push({ division_code: { [Op.like]: `${query.division}%` } });
    if (query.kind) and.push({ kind: query.kind });
    if (query.maxPriceCents !== undefined) and.push({ price_from_cents: { [Op.lte]: query.maxPriceCents } });
    if (query.hasVacancy) and.push({ vacancies: { [Op.gt]: 0 } });
    if (query.careLevel) and.push({ care_levels: { [Op.like]: `%,${query.careLevel},%` } });
    const offset = (query.page - 1) * query.pageSize;
    if (query.lat === undefined || query.lng === undefined) {
      const { rows, count } = await models.Place.findAndCountAll({
        where: { [Op.and]: and },
        order: [
          ['stars', 'DESC'],
          ['id', 'ASC'],
        ],
        limit: query.pageSize,
        offset,
      });
      return { items: rows.map((r) => placeView(r.get({ plain: true }) as PlaceRow)), total: count };
    }
    const { lat, lng } = query;
    const radius = (query.radiusKm ?? 10) * 1000;
    const dLat = radius / 111_320;
    const cosLat = Math.max(Math.cos(rad(lat)), 0.01);
    const dLng = radius / (111_320 * cosLat);
    // Only the grid cells the circle touches (see grid.ts): one index range per row of cells.
    and.push({
      [Op.or]: cellRanges(lat, lng, radius, 111_320, 111_320 * cosLat).map(([from, to]) => ({
        grid_cell: from === to ? from : { [Op.between]: [from, to] },
      })),
    });
    and.push({ lat: { [Op.between]: [lat - dLat, lat + dLat] } }, { lng: { [Op.between]: [lng - dLng, lng + dLng] } });
    // Distance in SQL, the same arithmetic on SQLite and MariaDB (no trigonometry there): the
    // equirectangular approximation, in metres squared, orders and bounds the circle; within
    // 100 km it differs from the great circle by well under a metre per kilometre. The database
    // sorts and returns one page; the page's exact haversine distance is what is shown.
    const k = 111_320;
    const num = (n: number) => Number(n.toFixed(9));
    const d2 = literal(
      `((lat - (${num(lat)})) * ${k}) * ((lat - (${num(lat)})) * ${k}) + ((lng - (${num(lng)})) * ${num(k * cosLat)}) * ((lng - (${num(lng)})) * ${num(k * cosLat)})`,
    );
    and.push(where(d2, Op.lte, radius * radius));
    // One scan of the box: the window count gives the total beside the page (MariaDB ≥ 10.2,
    // SQLite ≥ 3.25), so the box is not read a second time for the count.
    const rows = (await models.Place.findAll({
      where: { [Op.and]: and },
      attributes: { include: [[literal('COUNT(*) OVER ()'), 'total_rows']] },
      order: [
        [d2, 'ASC'],
        ['id', 'ASC'],
      ],
      limit: query.pageSize,
      offset,
      raw: true,
    })) as unknown as (PlaceRow & { total_rows: number | string })[];
    // A page past the end has no row to carry the count: count it then (rare).
    const total = rows.length
      ? Number(rows[0].total_rows)
      : offset > 0
        ? await models.Place.count({ where: { [Op.and]: and } })
        : 0;
    return {
      items: rows.map(({ total_rows: _, ...r }) => ({
        ...placeView(r),
        distanceM: distanceM(lat, lng, Number(r.lat), Number(r.lng)),
      })),
      total,
    };
  }

  async function fees(placeId: number) {
    return models.Fee.findAll({ where: { place_id: placeId }, order: [['seq', 'ASC']], raw: true });
  }

  async function detail(id: number): Promise<ElderlyPlaceDetail> {
    const row = await models.Place.findByPk(id, { raw: true });
    if (!row) throw placeNotFoundError();
    return { ...placeView(row), fees: (await fees(id)).map(feeView) };
  }

  return { search, detail, fees };
}
