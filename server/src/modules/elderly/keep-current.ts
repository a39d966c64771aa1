import { Op } from 'sequelize';
import { assertDivision, divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import type { LiveRows } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import { feeView, placeView, priceFrom, storeCareLevels } from './directory';
import { placeNotFoundError, staleVersionError, vacanciesOverBedsError } from './errors';
import type { ElderlyModels } from './models';
import type { PlaceUpdateBody } from './schemas';

/**
 * Staff of an institution keep its vacancies, levels accepted and fee list current. The place
 * must lie in their divisions (404 otherwise, as everywhere); an edit made on an old copy is
 * refused (the version); every change is audited with what it was before.
 */
export function makeKeepCurrent(p: Platform, models: ElderlyModels, live: LiveRows) {
  async function list(staff: StaffPrincipal, page: number, pageSize: number) {
    const prefixes = divisionPrefixes(staff);
    const where =
      prefixes === null ? {} : { [Op.or]: prefixes.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })) };
    const { rows, count } = await models.Place.findAndCountAll({
      where,
      order: [['id', 'ASC']],
      limit: pageSize,
      offset: (page - 1) * pageSize,
      raw: true,
    });
    return { items: rows.map((r) => ({ ...placeView(r), version: r.version })), total: count };
  }

  async function get(staff: StaffPrincipal, id: number) {
    const row = await models.Place.findByPk(id, { raw: true });
    if (!row) throw placeNotFoundError();
    assertDivision(staff, row.division_code, '养老服务机构');
    const fees = await models.Fee.findAll({ where: { place_id: id }, order: [['seq', 'ASC']], raw: true });
    return { ...placeView(row), version: row.version, fees: fees.map(feeView) };
  }

  async function update(staff: StaffPrincipal, id: number, body: PlaceUpdateBody) {
    if (body.vacancies > body.beds) throw vacanciesOverBedsError();
    await p.db.transaction(async (transaction) => {
      const row = await models.Place.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row) throw placeNotFoundError();
      assertDivision(staff, row.division_code, '养老服务机构');
      if (row.version !== body.version) throw staleVersionError();
      const before = {
        beds: row.beds,
        vacancies: row.vacancies,
        careLevels: row.care_levels,
        priceFromCents: row.price_from_cents,
      };
      const fees = body.fees.map((f, i) => ({
        place_id: id,
        seq: i + 1,
        item: f.item,
        unit: f.unit,
        price_cents: f.priceCents,
        note: f.note ?? '',
      }));
      await models.Fee.destroy({ where: { place_id: id }, transaction });
      await models.Fee.bulkCreate(fees, { transaction });
      const [changed] = await models.Place.update(
        {
          beds: body.beds,
          vacancies: body.vacancies,
          care_levels: storeCareLevels(body.careLevels),
          ...(body.hours ? { hours: body.hours } : {}),
          price_from_cents: priceFrom(fees),
          version: row.version + 1,
          updated_at: p.clock.date(),
        },
        { where: { id, version: body.version }, transaction },
      );
      if (changed !== 1) throw staleVersionError();
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.place.update',
          target: { type: 'elderly_place', id },
          detail: {
            before,
            after: {
              beds: body.beds,
              vacancies: body.vacancies,
              careLevels: storeCareLevels(body.careLevels),
              priceFromCents: priceFrom(fees),
              fees: fees.length,
            },
          },
        },
        transaction,
      );
    });
    // Committed: every process's directory reloads this place before its next search.
    await live.changed([id]);
    return get(staff, id);
  }

  return { list, get, update };
}
