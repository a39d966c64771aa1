import { QueryTypes } from 'sequelize';
import { createSeatStock } from '../../platform/cache';
import type { Platform } from '../../platform/platform';
import type { FuneralModels } from './models';
import { SEAT_STOCK } from './visits';

/** The clock job that gives back 祭扫 places counted with no booking (every minute, one worker). */
export const RECONCILE_JOB = 'funeral.reconcile-visit-seats';
export const RECONCILE_EVERY_MS = 60_000;

/** Persons a slot's bookings hold: online visits on `booked`, green ones on their own counter. */
const COUNTED = `
  SELECT s.id, s.capacity, s.green_capacity, s.booked, s.green_booked,
    (SELECT COALESCE(SUM(v.companions + 1), 0) FROM funeral_visits v WHERE v.slot_id = s.id)
    + (SELECT COALESCE(SUM(g.companions + 1), 0) FROM funeral_green_visits g
        WHERE g.slot_id = s.id AND g.from_reserve = 0) AS booked_counted,
    (SELECT COALESCE(SUM(g.companions + 1), 0) FROM funeral_green_visits g
        WHERE g.slot_id = s.id AND g.from_reserve = 1) AS green_counted
  FROM funeral_visit_slots s`;

interface Counted {
  id: number;
  capacity: number;
  green_capacity: number;
  booked: number;
  green_booked: number;
  booked_counted: number;
  green_counted: number;
}

/**
 * A slot's seat counters recomputed from its bookings, for slots of today and later whose counters
 * disagree with them. Bookings write their rows and seats in one transaction, so they agree unless
 * something outside broke that (a row deleted by hand, a booking from before that change whose
 * process died between its two statements): such places stay counted and unbookable until this
 * job gives them back.
 *
 * Safe beside a rush: each slot is fixed in a transaction that first locks the slot row (a booking
 * takes its seats by updating that row and holds it until it commits, so every booking that counted
 * seats has committed by then, and none can count more until this one ends), then counts the
 * bookings committed (a plain read, whose snapshot begins after the lock: a booking whose rows are
 * written but whose seats are not yet counted is neither in the count nor in the counter), and
 * sets the counters. Places given back go back to the shared seat stock too.
 */
export function makeReconciler(p: Platform, m: FuneralModels) {
  const seats = createSeatStock(p.cache, SEAT_STOCK);
  const read = (where: string, replacements: unknown[], transaction?: never) =>
    p.db.query<Counted>(`${COUNTED} WHERE ${where}`, { replacements, type: QueryTypes.SELECT, transaction });
  const agree = (s: Counted) =>
    Number(s.booked) === Number(s.booked_counted) && Number(s.green_booked) === Number(s.green_counted);

  async function fix(slotId: number) {
    const changed = await p.db.transaction(async (transaction) => {
      const locked = await m.VisitSlot.findByPk(slotId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!locked) return null;
      const [s] = await read('s.id = ?', [slotId], transaction as never);
      if (!s || agree(s)) return null;
      await m.VisitSlot.update(
        { booked: Number(s.booked_counted), green_booked: Number(s.green_counted) },
        { where: { id: slotId }, transaction },
      );
      return s;
    });
    if (!changed) return false;
    const online = Number(changed.capacity) - Number(changed.green_capacity);
    const freed = Number(changed.booked) - Number(changed.booked_counted);
    if (freed > 0) await seats.released(`${slotId}:${online}`, freed).catch(() => {});
    p.logger.warn(
      {
        slotId,
        booked: Number(changed.booked),
        bookedCounted: Number(changed.booked_counted),
        greenBooked: Number(changed.green_booked),
        greenCounted: Number(changed.green_counted),
      },
      '祭扫 slot seats recounted from its bookings',
    );
    return true;
  }

  return {
    /** Recounts the slots of today and later that disagree with their bookings; how many it fixed. */
    async run() {
      const candidates = (await read('s.date >= ?', [p.clock.today()])).filter((s) => !agree(s));
      let fixed = 0;
      for (const s of candidates) if (await fix(s.id)) fixed++;
      return fixed;
    },
  };
}
