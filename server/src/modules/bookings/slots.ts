import { col, literal, Op, type Transaction } from 'sequelize';
import { conflict, notFound } from '../../platform/errors';
import type { HallDay, HallsApi } from '../halls';
import { addDays, beijingInstant, type Clock, toMinutes } from '../../platform/clock';
import type { BookingModels } from './index';
import { type Cache, createMemo, createSeatStock } from '../../platform/cache';
import type { ConfigRow, Period, SlotRow } from './models';
import { slotFullError } from './errors';
import { writeRow } from '../../platform/db/write-row';

export type DayStatus = 'open' | 'full' | 'closed' | 'unpublished' | 'not_open_yet' | 'past' | 'lottery';

/** A period is offered on a day only if it fits inside that day's opening sessions. */
export const periodsOn = (config: ConfigRow, day: HallDay): Period[] =>
  day.open
    ? config.periods.filter((period) =>
        day.sessions.some(
          ([opens, closes]) =>
            toMinutes(opens) <= toMinutes(period.start) && toMinutes(period.end) <= toMinutes(closes),
        ),
      )
    : [];

/** Whether a period of `date` can still be booked now (before its cut-off). */
export const beforeCutoff = (config: ConfigRow, date: string, start: string, now: number) =>
  beijingInstant(date, start).getTime() - config.cutoff_minutes * 60_000 > now;

/**
 * Slots: rows per hall × service × day × period with a capacity, made on first need from the
 * service's booking settings (so a settings change applies to days not yet opened), and
 * seats taken and given back by conditional updates only.
 */
/**
 * Seats left of each slot, shared by every process (platform/cache's seat stock, see
 * createSeatStock): once a slot is gone the rest of a rush is refused with one cache round trip.
 * Its key names the capacity: a capacity change starts a new stock.
 */
const seatStockKey = (slotId: number, capacity: number) => `${slotId}:${capacity}`;

export function makeSlots(models: BookingModels, halls: HallsApi, clock: Clock, cache: Cache) {
  const { Config, Slot, RushDay } = models;
  const db = Slot.sequelize!;
  const configs = createMemo<ConfigRow | null>(2000);
  const hallDays = createMemo<HallDay[]>(2000);
  // A rush asks for the same day thousands of times a second: the seat counts it reads first
  // may be a second old. That only decides who is told 「已约满」 early; take() decides seats.
  const daySlots = createMemo<SlotRow[]>(1000);
  const rushMemo = createMemo<Set<string>>(2000);
  const seats = createSeatStock(cache, 'seats');

  async function config(hallId: number, serviceCode: string): Promise<ConfigRow | null> {
    return configs.get(`${hallId}:${serviceCode}`, async () => {
      const c = await Config.findOne({ where: { hall_id: hallId, service_code: serviceCode, active: true } });
      return c ? (c.get({ plain: true }) as ConfigRow) : null;
    });
  }

  async function requireConfig(hallId: number, serviceCode: string): Promise<ConfigRow> {
    const c = await config(hallId, serviceCode);
    if (!c) throw notFound('该大厅暂不提供此事项的网上预约');
    return c;
  }

  const days = (hallId: number, from: string, count: number) =>
    hallDays.get(`${hallId}:${from}:${count}`, () => halls.days(hallId, from, count));

  /** Slot rows for a day's periods; concurrent first requests insert once (unique key). */
  async function ensure(c: ConfigRow, date: string, periods: Period[]): Promise<SlotRow[]> {
    const where = { hall_id: c.hall_id, service_code: c.service_code, date };
    let rows = await Slot.findAll({ where, order: [['start_time', 'ASC']] });
    const missing = periods.filter((period) => !rows.some((r) => r.period === period.key));
    if (missing.length) {
      await Slot.bulkCreate(
        missing.map((period) => ({
          ...where,
          period: period.key,
          start_time: period.start,
          end_time: period.end,
          capacity: period.capacity,
          booked: 0,
        })),
        { ignoreDuplicates: true },
      );
      rows = await Slot.findAll({ where, order: [['start_time', 'ASC']] });
    }
    const offered = new Set(periods.map((period) => period.key));
    return rows.filter((r) => offered.has(r.period)).map((r) => r.get({ plain: true }) as SlotRow);
  }

  async function rushDates(hallId: number, serviceCode: string, from: string, to: string) {
    const rows = await RushDay.findAll({
      where: { hall_id: hallId, service_code: serviceCode, date: { [Op.between]: [from, to] } },
    });
    return new Map(rows.map((r) => [r.date, r]));
  }

  /** What a day looks like before counting seats. */
  function dayStatus(c: ConfigRow, day: HallDay, today: string): { status: DayStatus; note: string } | null {
    if (day.date < today) return { status: 'past', note: '已过期' };
    // Past the published holiday arrangement and not confirmed by staff: 待公布, not a plain 休息.
    if (!day.open && !day.published && !day.override) return { status: 'unpublished', note: '节假日安排待公布' };
    if (!day.open) return { status: 'closed', note: day.note };
    if (day.date > addDays(today, c.open_days_ahead))
      return { status: 'not_open_yet', note: `${addDays(day.date, -c.open_days_ahead)} 开放预约` };
    return null;
  }

  return {
    config,
    requireConfig,
    forget: (hallId: number) => {
      for (const m of [configs, hallDays, daySlots, rushMemo]) m.forget(`${hallId}:`);
    },

    /** The calendar of the booking flow: each day open, full, closed, not yet open, past or by lottery. */
    async availability(hallId: number, serviceCode: string, from: string | undefined, count: number) {
      const c = await requireConfig(hallId, serviceCode);
      const today = clock.today();
      const start = from ?? today;
      const list = await days(hallId, start, count);
      const rush = await rushDates(hallId, serviceCode, start, addDays(start, count - 1));
      const out = [];
      for (const day of list) {
        const pre = dayStatus(c, day, today);
        if (pre) {
          out.push({ date: day.date, ...pre, remaining: 0 });
          continue;
        }
        if (rush.has(day.date)) {
          out.push({
            date: day.date,
            status: 'lottery' as DayStatus,
            note: '热门日期，抽签分配号源',
            remaining: 0,
            rushDayId: rush.get(day.date)!.id,
          });
          continue;
        }
        const periods = periodsOn(c, day).filter((period) => beforeCutoff(c, day.date, period.start, clock.now()));
        if (!periods.length) {
          out.push({ date: day.date, status: 'past' as DayStatus, note: '已停止预约', remaining: 0 });
          continue;
        }
        const slots = await ensure(c, day.date, periods);
        const remaining = slots.reduce((n, s) => n + Math.max(0, s.capacity - s.booked), 0);
        out.push({
          date: day.date,
          status: (remaining > 0 ? 'open' : 'full') as DayStatus,
          note: remaining > 0 ? `余${remaining}个号` : '已约满',
          remaining,
        });
      }
      return { hallId, serviceCode, days: out };
    },

    /** The periods of one day with their remaining seats. */
    async periods(hallId: number, serviceCode: string, date: string) {
      const c = await requireConfig(hallId, serviceCode);
      const today = clock.today();
      const [day] = await days(hallId, date, 1);
      const pre = dayStatus(c, day, today);
      if (pre) return { date, status: pre.status, note: pre.note, periods: [] };
      const slots = await ensure(c, date, periodsOn(c, day));
      return {
        date,
        status: 'open',
        note: day.note,
        periods: slots.map((s) => ({
          period: s.period,
          start: s.start_time,
          end: s.end_time,
          capacity: s.capacity,
          remaining: Math.max(0, s.capacity - s.booked),
          available: s.booked < s.capacity && beforeCutoff(c, date, s.start_time, clock.now()),
        })),
      };
    },

    /** The slot a citizen asks for, if it can be booked at all now (seats are checked by take). */
    async bookable(c: ConfigRow, date: string, periodKey: string, opts: { lottery?: boolean } = {}): Promise<SlotRow> {
      const today = clock.today();
      const [day] = await days(c.hall_id, date, 1);
      const pre = dayStatus(c, day, today);
      if (pre?.status === 'past') throw conflict('DATE_PAST', '该日期已过，请选择其他日期');
      if (pre?.status === 'closed') throw conflict('HALL_CLOSED', `该日大厅不办公（${pre.note}）`);
      if (pre?.status === 'unpublished')
        throw conflict(
          'DATE_UNPUBLISHED',
          '该日的节假日安排尚未公布，暂不能预约。安排公布并经大厅确认后即可预约，请先选择其他日期。',
        );
      if (pre?.status === 'not_open_yet' && !opts.lottery)
        throw conflict('NOT_OPEN_YET', `该日期尚未开放预约（${pre.note}）`);
      const period = periodsOn(c, day).find((period) => period.key === periodKey);
      if (!period) throw notFound('该日没有这个预约时段');
      if (!opts.lottery) {
        if (!beforeCutoff(c, date, period.start, clock.now()))
          throw conflict('CUTOFF_PASSED', `该时段已停止预约（开始前${c.cutoff_minutes}分钟截止）`);
        const rush = await rushMemo.get(
          `${c.hall_id}:${c.service_code}:${date}`,
          async () => new Set((await rushDates(c.hall_id, c.service_code, date, date)).keys()),
        );
        if (rush.size) throw conflict('RUSH_LOTTERY', '该日为热门日期，号源通过公开抽签分配，请参加抽签');
      }
      const cached = await daySlots.get(`${c.hall_id}:${c.service_code}:${date}`, () =>
        ensure(c, date, periodsOn(c, day)),
      );
      return cached.find((x) => x.period === period.key) ?? (await ensure(c, date, [period]))[0];
    },

    /** Takes one seat, or says the slot is full. Safe across processes: the database decides. */
    async take(slotId: number, transaction?: Transaction): Promise<void> {
      // In a transaction (a booking's): one plain UPDATE on its connection (platform/db/write-row).
      const n = transaction
        ? (
            await writeRow(
              db,
              transaction,
              'UPDATE booking_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity',
              [slotId],
            )
          ).affectedRows
        : (
            await Slot.update(
              { booked: literal('booked + 1') as unknown as number },
              { where: { id: slotId, booked: { [Op.lt]: col('capacity') } } },
            )
          )[0];
      if (n !== 1) throw slotFullError();
    },

    /** Inside `t`: `count` seats at once (a batch of winners), or 「已约满」 when fewer are left. */
    async takeSeats(slotId: number, count: number, transaction: Transaction): Promise<void> {
      const { affectedRows } = await writeRow(
        db,
        transaction,
        'UPDATE booking_slots SET booked = booked + ? WHERE id = ? AND booked + ? <= capacity',
        [count, slotId, count],
      );
      if (affectedRows !== 1) throw slotFullError();
    },

    async release(slotId: number, transaction: Transaction): Promise<void> {
      const [n] = await Slot.update(
        { booked: literal('booked - 1') as unknown as number },
        { where: { id: slotId, booked: { [Op.gt]: 0 } }, transaction },
      );
      if (n !== 1) return;
      const s = await Slot.findByPk(slotId, {
        attributes: ['capacity', 'hall_id', 'service_code', 'date'],
        transaction,
      });
      if (!s) return;
      // The seat is bookable again at once: in the shared stock, and in this process' copy.
      transaction.afterCommit(async () => {
        daySlots.forget(`${s.hall_id}:${s.service_code}:${s.date}`);
        await seats.released(seatStockKey(slotId, s.capacity), 1).catch(() => {});
      });
    },

    async seatsLeft(slotId: number): Promise<number> {
      const s = await Slot.findByPk(slotId, { attributes: ['capacity', 'booked'] });
      return s ? s.capacity - s.booked : 0;
    },

    /**
     * Takes one seat of the shared stock before any database work: false when none is left
     * (the caller answers 「已约满」). A seat taken here is either booked, or given back by
     * `seatNotTaken` when the booking fails for another reason.
     */
    async reserveSeat(slot: SlotRow): Promise<boolean> {
      return seats.reserve(seatStockKey(slot.id, slot.capacity), 1, async () => {
        const s = await Slot.findByPk(slot.id, { attributes: ['capacity', 'booked'] });
        return s ? s.capacity - s.booked : 0;
      });
    },

    /** A reserved seat was not booked: back to the stock — or, if the table says full, none left. */
    async seatNotTaken(slot: SlotRow, tableSaidFull: boolean): Promise<void> {
      await seats.notTaken(seatStockKey(slot.id, slot.capacity), 1, tableSaidFull);
    },
  };
}

export type Slots = ReturnType<typeof makeSlots>;
