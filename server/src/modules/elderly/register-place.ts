import type { CareLevel, ElderlyPlaceKind } from '@minzheng/contracts';
import type { LiveRows } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import { gridCell } from './grid';
import { priceFrom, storeCareLevels } from './directory';
import type { ElderlyModels } from './models';

export interface PlaceInput {
  kind: ElderlyPlaceKind;
  name: string;
  divisionCode: string;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  hours: string;
  beds: number;
  vacancies: number;
  careLevels: CareLevel[];
  stars: number;
  intro: string;
  fees: { item: string; unit: string; priceCents: number; note?: string }[];
}

/**
 * Puts a place in the directory (the registry import and the demo seed): a place of the same
 * name in the same division is left as it is, so a second run changes nothing.
 */
export function makeRegisterPlace(p: Platform, models: ElderlyModels, live: LiveRows) {
  return async function register(input: PlaceInput): Promise<number> {
    const existing = await models.Place.findOne({ where: { name: input.name, division_code: input.divisionCode } });
    if (existing) return existing.id;
    const now = p.clock.date();
    const fees = input.fees.map((f, i) => ({
      seq: i + 1,
      item: f.item,
      unit: f.unit,
      price_cents: f.priceCents,
      note: f.note ?? '',
    }));
    const id = await p.db.transaction(async (transaction) => {
      const place = await models.Place.create(
        {
          kind: input.kind,
          name: input.name,
          division_code: input.divisionCode,
          address: input.address,
          lat: input.lat,
          lng: input.lng,
          grid_cell: gridCell(input.lat, input.lng),
          phone: input.phone,
          hours: input.hours,
          beds: input.beds,
          vacancies: Math.min(input.vacancies, input.beds),
          care_levels: storeCareLevels(input.careLevels),
          price_from_cents: priceFrom(fees),
          stars: input.stars,
          intro: input.intro,
          version: 1,
          updated_at: now,
          created_at: now,
        },
        { transaction },
      );
      await models.Fee.bulkCreate(
        fees.map((f) => ({ ...f, place_id: place.id })),
        { transaction },
      );
      return place.id;
    });
    // Committed: every process's directory loads the place before its next search.
    await live.changed([id]);
    return id;
  };
}
