import type { FeeClass, FeeUnit, FuneralPlaceKind, HuiminWaiver } from '@minzheng/contracts';
import type { Platform } from '../../platform/platform';
import type { FuneralModels, ItemWaiver } from './models';

export interface PlaceInput {
  kind: FuneralPlaceKind;
  name: string;
  divisionCode: string;
  address: string;
  phone: string;
  hours: string;
  services: string[];
  waiverCaps: Partial<Record<HuiminWaiver, number>>;
  fees: {
    code: string;
    name: string;
    feeClass: FeeClass;
    unit: FeeUnit;
    priceCents: number;
    legalBasis: string;
    waivers: ItemWaiver[];
  }[];
}

/**
 * Places and their published fee lists as data (the demo seed and the stories load them). A
 * place named again is left as it is: what its staff or a later publication changed stays.
 */
export function makeCatalog(p: Platform, m: FuneralModels) {
  return {
    async ensurePlace(input: PlaceInput): Promise<number> {
      const existing = await m.Place.findOne({ where: { name: input.name } });
      if (existing) return existing.id;
      return p.db.transaction(async (transaction) => {
        const place = await m.Place.create(
          {
            kind: input.kind,
            name: input.name,
            division_code: input.divisionCode,
            address: input.address,
            phone: input.phone,
            hours: input.hours,
            services: input.services,
            waiver_caps: input.waiverCaps,
            active: true,
          },
          { transaction },
        );
        await m.FeeItem.bulkCreate(
          input.fees.map((f, seq) => ({
            place_id: place.id,
            code: f.code,
            name: f.name,
            fee_class: f.feeClass,
            unit: f.unit,
            price_cents: f.priceCents,
            legal_basis: f.legalBasis,
            waivers: f.waivers,
            seq,
            active: true,
          })),
          { transaction },
        );
        return place.id;
      });
    },
  };
}
