import {
  CARE_LEVEL_NAMES,
  type CareLevel,
  ELDERLY_PLACE_KIND_NAMES,
  type ElderlyPlaceDetail,
  type ElderlyPlaceView,
} from '@minzheng/contracts';
import { Op, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import { placeNotFoundError } from './errors';
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
 * The public directory: filters run in SQL (division prefix, kind, price, vacancy, level, and a
 * bounding box around the point); the exact distance orders what the box found.
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
    const dLng = radius / (111_320 * Math.max(Math.cos(rad(lat)), 0.01));
    and.push({ lat: { [Op.between]: [lat - dLat, lat + dLat] } }, { lng: { [Op.between]: [lng - dLng, lng + dLng] } });
    const rows = await models.Place.findAll({ where: { [Op.and]: and }, raw: true });
    const near = rows
      .map((r) => ({ r, d: distanceM(lat, lng, Number(r.lat), Number(r.lng)) }))
      .filter((x) => x.d <= radius)
      .sort((a, b) => a.d - b.d || a.r.id - b.r.id);
    return {
      items: near.slice(offset, offset + query.pageSize).map(({ r, d }) => ({ ...placeView(r), distanceM: d })),
      total: near.length,
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
