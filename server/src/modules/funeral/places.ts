import { Op, type WhereOptions } from 'sequelize';
import type { FuneralPlaceKind } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { divisionPrefixes } from '../../platform/auth';
import { placeNotFoundError } from './errors';
import type { FuneralModels, PlaceRow } from './models';
import { feeItemView, placeView } from './views';

/** The public directory of 殡仪馆 and 公墓, each with its published fee list. */
export function makePlaces(m: FuneralModels) {
  async function activePlace(id: number): Promise<PlaceRow> {
    const row = await m.Place.findOne({ where: { id, active: true } });
    if (!row) throw placeNotFoundError();
    return row.get({ plain: true }) as PlaceRow;
  }
  async function feeList(placeId: number) {
    const rows = await m.FeeItem.findAll({ where: { place_id: placeId, active: true }, order: [['seq', 'ASC']] });
    return rows.map((r) => feeItemView(r));
  }
  return {
    activePlace,
    async list(filter: { kind?: FuneralPlaceKind; division?: string }) {
      const where: WhereOptions = { active: true };
      if (filter.kind) Object.assign(where, { kind: filter.kind });
      if (filter.division) Object.assign(where, { division_code: { [Op.like]: `${filter.division}%` } });
      const rows = await m.Place.findAll({ where, order: [['id', 'ASC']] });
      return { items: rows.map((r) => placeView(r)) };
    },
    async detail(id: number) {
      const place = await activePlace(id);
      return { place: placeView(place), fees: await feeList(id) };
    },
    /** The funeral homes a staff member records charges for, or the cemeteries they keep (their divisions). */
    async ofStaff(staff: StaffPrincipal, kind: FuneralPlaceKind = 'funeral_home') {
      const prefixes = divisionPrefixes(staff);
      const where: WhereOptions = { active: true, kind };
      if (prefixes?.length === 0) return { items: [] };
      if (prefixes !== null)
        Object.assign(where, { [Op.or]: prefixes.map((p) => ({ division_code: { [Op.like]: `${p}%` } })) });
      const rows = await m.Place.findAll({ where, order: [['id', 'ASC']] });
      return {
        items: await Promise.all(rows.map(async (r) => ({ place: placeView(r), fees: await feeList(r.id) }))),
      };
    },
  };
}
export type Places = ReturnType<typeof makePlaces>;
