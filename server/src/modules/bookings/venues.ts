import { Op, type Transaction } from 'sequelize';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { beijingInstant } from '../../platform/clock';
import type { BookingDeps } from './deps';
import { bookingTimeOf, insertBooking } from './record';
import type { BookingRow, ConfigRow, Period, SlotRow } from './models';
import { DEFAULT_CONFIG } from './rules';
import { beforeCutoff } from './slots';
import { alreadyBookedError, slotFullError } from './errors';

/**
 * A service booked at a place that is not a 服务大厅 (an assessment organization of 养老服务): the
 * module owning the place names it, and owns what a cancellation means (its case closes with the
 * booking). For such a service the booking's `hall_id` is that module's place id.
 */
export interface VenueProvider {
  serviceName: string;
  describe(placeId: number): Promise<{ name: string; address: string }>;
  /** The citizen cancels in 我的预约 (the cancellation deadline already checked): the owner closes its record and, through `close`, the booking. */
  cancel(userId: number, booking: BookingRow): Promise<void>;
}

export interface VenueSlotInput {
  period: string;
  capacity: number;
}

export const capacityBelowBookedError = (booked: number) =>
  badRequest('CAPACITY_BELOW_BOOKED', `该时段已有${booked}人预约，名额不能少于已约人数`);
const notAVenueSlotError = () => notFound('未找到该预约时段');
const slotClosedError = () => conflict('SLOT_CLOSED', '该时段已停止预约，请选择其他时段');

/** The registry of such services, one provider each. */
export function createVenueRegistry() {
  const providers = new Map<string, VenueProvider>();
  return {
    register(serviceCode: string, provider: VenueProvider) {
      providers.set(serviceCode, provider);
    },
    of: (serviceCode: string) => providers.get(serviceCode) ?? null,
    /** A where-clause part leaving out bookings of venue services (a hall's desk, lists and scope). */
    notVenue: () => (providers.size ? { service_code: { [Op.notIn]: [...providers.keys()] } } : {}),
  };
}
export type VenueRegistry = ReturnType<typeof createVenueRegistry>;

/**
 * Slots, seats and bookings of a venue service: the same tables, conditional updates, shared
 * seat stock and one-active-booking hold as a hall's bookings, with capacities the place's staff
 * set day by day (a period not opened has capacity 0).
 */
export function makeVenueBookings(deps: BookingDeps) {
  const { p, models, slots } = deps;
  const { Config, Slot, Booking, Hold } = models;

  async function configOf(placeId: number, serviceCode: string, periods: Period[], rules: Partial<ConfigRow>) {
    const found = await slots.config(placeId, serviceCode);
    if (found) return found;
    await Config.findOrCreate({
      where: { hall_id: placeId, service_code: serviceCode },
      defaults: {
        hall_id: placeId,
        service_code: serviceCode,
        periods,
        ...DEFAULT_CONFIG,
        // Booked from tomorrow on by the owner's rule; cancelled, and missed, by this module's.
        open_days_ahead: 15,
        cutoff_minutes: 0,
        active: true,
        ...rules,
      },
    });
    slots.forget(placeId);
    return slots.requireConfig(placeId, serviceCode);
  }

  const plain = (r: { get(o: { plain: true }): unknown }) => r.get({ plain: true }) as SlotRow;

  return {
    /** The place's slots between two dates (inclusive) that were opened (capacity above 0). */
    async slotsBetween(placeId: number, serviceCode: string, from: string, to: string): Promise<SlotRow[]> {
      const rows = await Slot.findAll({
        where: {
          hall_id: placeId,
          service_code: serviceCode,
          date: { [Op.between]: [from, to] },
          capacity: { [Op.gt]: 0 },
        },
        order: [
          ['date', 'ASC'],
          ['start_time', 'ASC'],
        ],
      });
      return rows.map(plain);
    },
    async slot(slotId: number): Promise<SlotRow | null> {
      const row = await Slot.findByPk(slotId);
      return row ? plain(row) : null;
    },
    /**
     * Staff set a day's capacities; never below what is booked (the slot row is locked meanwhile).
     * `within` runs in the same transaction (the owner's audit).
     */
    async setCapacities(
      placeId: number,
      serviceCode: string,
      periods: Period[],
      date: string,
      input: VenueSlotInput[],
      within: (t: Transaction) => Promise<void>,
    ): Promise<void> {
      const c = await configOf(placeId, serviceCode, periods, {});
      await p.db.transaction(async (transaction) => {
        for (const s of input) {
          const period = c.periods.find((x) => x.key === s.period);
          if (!period) throw notAVenueSlotError();
          const where = { hall_id: placeId, service_code: serviceCode, date, period: s.period };
          let row = await Slot.findOne({ where, transaction, lock: transaction.LOCK.UPDATE });
          if (!row) {
            await Slot.bulkCreate(
              [{ ...where, start_time: period.start, end_time: period.end, capacity: 0, booked: 0 }],
              { ignoreDuplicates: true, transaction },
            );
            row = await Slot.findOne({ where, transaction, lock: transaction.LOCK.UPDATE });
          }
          if (!row) throw notAVenueSlotError();
          if (s.capacity < row.booked) throw capacityBelowBookedError(row.booked);
          await row.update({ capacity: s.capacity }, { transaction });
        }
        await within(transaction);
      });
    },
    /**
     * A citizen books a slot of a venue service: a seat of the shared stock first (a rush is
     * refused there), then one transaction takes the seat by a conditional update, records the
     * booking and — when `hold` — the booker's one active booking of this service, and runs the
     * owner's `within` (its case) in the same transaction.
     */
    async book<T>(
      userId: number,
      slotId: number,
      opts: { serviceCode: string; hold: boolean },
      within: (t: Transaction, booking: BookingRow) => Promise<T>,
    ): Promise<{ booking: BookingRow; result: T }> {
      const slot = await Slot.findByPk(slotId);
      if (!slot || slot.service_code !== opts.serviceCode || slot.capacity <= 0) throw notAVenueSlotError();
      const s = plain(slot);
      const c = await slots.requireConfig(s.hall_id, s.service_code);
      if (!beforeCutoff(c, s.date, s.start_time, p.clock.now())) throw slotClosedError();
      if (s.booked >= s.capacity || !(await slots.reserveSeat(s))) throw slotFullError();
      if (opts.hold && (await Hold.findOne({ where: { user_id: userId, service_code: s.service_code } }))) {
        await slots.seatNotTaken(s, false).catch(() => {});
        throw alreadyBookedError();
      }
      try {
        return await p.db.transaction(async (t) => {
          const b = await insertBooking(
            deps,
            t,
            {
              ...bookingTimeOf(s),
              user_id: userId,
              partner_user_id: null,
              status: 'confirmed',
              visit: 1,
              consent_notices: true,
            },
            opts.hold ? [userId] : [],
          );
          const result = await within(t, b);
          await slots.take(s.id, t);
          return { booking: b, result };
        });
      } catch (err) {
        await slots.seatNotTaken(s, (err as { code?: string }).code === 'SLOT_FULL').catch(() => {});
        throw err;
      }
    },
    async byIds(ids: number[]): Promise<BookingRow[]> {
      if (!ids.length) return [];
      return (await Booking.findAll({ where: { id: ids } })).map((r) => r.get({ plain: true }) as BookingRow);
    },
    /** The bookings rule: a citizen cancels before the period starts, less the service's notice. */
    async assertCancellable(bookingId: number): Promise<BookingRow> {
      const row = await Booking.findByPk(bookingId);
      if (!row) throw notFound('未找到该预约');
      const b = row.get({ plain: true }) as BookingRow;
      if (b.status !== 'confirmed') throw conflict('NOT_CANCELLABLE', '该预约当前不能取消');
      const c = await slots.config(b.hall_id, b.service_code);
      const minutes = c?.cancel_minutes ?? 0;
      if (p.clock.now() > beijingInstant(b.date, b.start_time).getTime() - minutes * 60_000)
        throw conflict(
          'CANCEL_DEADLINE_PASSED',
          minutes
            ? `已超过取消时限（时段开始前${minutes}分钟），请联系评估机构`
            : '预约时段已开始，不能取消，请联系评估机构',
        );
      return b;
    },
    /**
     * Inside the owner's transaction: the booking ends — cancelled (the seat back), completed or
     * missed — and the booker's hold goes. Once: a booking already ended is left as it is.
     */
    async close(bookingId: number, to: 'cancelled' | 'completed' | 'no_show', t: Transaction): Promise<void> {
      const row = await Booking.findByPk(bookingId, { transaction: t });
      if (!row) return;
      const [n] = await Booking.update(
        { status: to, closed_at: p.clock.date() },
        { where: { id: bookingId, status: 'confirmed' }, transaction: t },
      );
      if (n !== 1) return;
      if (to === 'cancelled') await slots.release(row.slot_id, t);
      await Hold.destroy({ where: { booking_id: bookingId }, transaction: t });
    },
  };
}
