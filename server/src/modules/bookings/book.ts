import { Op } from 'sequelize';
import { AppError, conflict } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { addDays } from '../../platform/clock';
import type { BookingDeps } from './deps';
import { bookingTimeOf, insertBooking } from './record';
import { CodeTaken, isUniqueViolation, withFreshCode } from './codes';
import { bookingLink, noticeData } from './notice-data';
import type { ConfigRow, SlotRow } from './models';
import { ageOn, INVITE_HOURS, MIN_MARRIAGE_AGE, noShowRuleText, personOf, TWO_PARTY } from './rules';
import { SERVICE_CODES } from '../catalogue';
import { alreadyBookedError, realNameRequiredError, slotFullError } from './errors';

export interface BookInput {
  hallId: number;
  serviceCode: string;
  date: string;
  period: string;
  consentNotices: boolean;
}

/**
 * A citizen books a time. Cheap refusals come first (a rush is mostly people told 「已约满」),
 * then one transaction takes a seat with a conditional update and records the booking and the
 * person's hold — the database, not this process, decides who got the seat.
 */
export function makeBook(deps: BookingDeps) {
  const { p, models, slots } = deps;
  const { Booking, Hold } = models;

  async function banUntil(userId: number, c: ConfigRow): Promise<string | null> {
    const today = p.clock.today();
    const since = addDays(today, -c.no_show_window_days);
    const misses = await Booking.findAll({
      where: {
        [Op.or]: [{ user_id: userId }, { partner_user_id: userId }],
        status: 'no_show',
        date: { [Op.gte]: since },
      },
      attributes: ['date'],
      order: [['date', 'DESC']],
    });
    if (misses.length < c.no_show_limit) return null;
    const until = addDays(misses[0].date, c.no_show_ban_days);
    return until >= today ? until : null;
  }

  async function checkPerson(userId: number, c: ConfigRow, date: string) {
    const person = await deps.identity.realNameOf(userId);
    if (!person) throw realNameRequiredError();
    const until = await banUntil(userId, c);
    if (until) throw new AppError(403, 'NO_SHOW_BANNED', `因多次预约未到场，${until}前不能预约。${noShowRuleText(c)}`);
    if (c.service_code === SERVICE_CODES.marriage) {
      const me = personOf(person.idNumber);
      const min = me.male ? MIN_MARRIAGE_AGE.male : MIN_MARRIAGE_AGE.female;
      if (ageOn(me.birth, date) < min)
        throw conflict('UNDER_MARRIAGE_AGE', `预约日期时您尚未达到法定婚龄（${min}周岁），暂不能预约结婚登记`);
    }
    return person;
  }

  async function book(userId: number, ip: string, input: BookInput) {
    // Both counters in one round trip (sent together); the person's limit is named first.
    const [perUser, perIp] = await Promise.allSettled([
      enforceRateLimit(
        p.cache,
        `book:user:${userId}`,
        p.config.rateLimits.bookingPerUser,
        60_000,
        '预约操作过于频繁，请稍后再试',
      ),
      enforceRateLimit(
        p.cache,
        `book:ip:${ip}`,
        p.config.rateLimits.bookingPerIp,
        60_000,
        '当前网络预约请求过多，请稍后再试',
      ),
    ]);
    if (perUser.status === 'rejected') throw perUser.reason;
    if (perIp.status === 'rejected') throw perIp.reason;
    const c = await slots.requireConfig(input.hallId, input.serviceCode);
    const slot = await slots.bookable(c, input.date, input.period);
    if (slot.booked >= slot.capacity) throw slotFullError();
    // The shared seat stock: after the seats are gone a rush is refused here, with no
    // database work; the few who hold a seat of it go on, and the transaction decides.
    if (!(await slots.reserveSeat(slot))) {
      // None left in the stock: this process' short-lived copy of the slot says so too, and the
      // rest of the rush here is refused by the check above, without a round trip.
      slot.booked = slot.capacity;
      throw slotFullError();
    }
    try {
      return await bookReservedSeat(userId, c, slot, input);
    } catch (err) {
      const tableSaidFull = (err as { code?: string }).code === 'SLOT_FULL';
      if (tableSaidFull) slot.booked = slot.capacity;
      await slots.seatNotTaken(slot, tableSaidFull).catch(() => {});
      throw err;
    }
  }

  /** The person's checks, then one transaction: the seat, the booking, the holds, the notice. */
  async function bookReservedSeat(userId: number, c: ConfigRow, slot: SlotRow, input: BookInput) {
    // Independent reads, side by side: the person (real name, no-show ban), an existing hold, names.
    const [, held, names] = await Promise.all([
      checkPerson(userId, c, input.date),
      Hold.findOne({ where: { user_id: userId, service_code: c.service_code }, attributes: ['id'] }),
      deps.names.of(c),
    ]);
    if (held) throw alreadyBookedError();

    const booking = await p.db.transaction(async (t) => {
      const b = await recordBooking(t, c, slot, userId, { consentNotices: input.consentNotices });
      if (b.invite_code) {
        await deps.notices.notify(
          { userId },
          'booking.awaiting_partner',
          noticeData(names, b, { inviteCode: b.invite_code, hours: String(INVITE_HOURS) }),
          bookingLink(b.code),
          { transaction: t },
        );
      } else {
        await deps.notices.notify({ userId }, 'booking.confirmed', noticeData(names, b), bookingLink(b.code), {
          transaction: t,
        });
      }
      // The seat last: the slot's row, which every winner of this slot updates, stays locked
      // only from here to the commit (the inserts above do not wait on each other).
      await slots.take(slot.id, t);
      return b;
    });
    // `slot` may be the shared short-lived copy (see slots.bookable): what this process learns
    // here is written back so the next asker is answered sooner.
    slot.booked = Math.min(slot.capacity, slot.booked + 1);
    return booking;
  }

  /**
   * Inside `t`: takes a seat of `slot` (or throws 「已约满」) and records the booking with the
   * booker's hold; a two-party registration waits for the other party with an invitation code.
   */
  async function seatAndRecord(
    t: import('sequelize').Transaction,
    c: ConfigRow,
    slot: SlotRow,
    userId: number,
    opts: { consentNotices: boolean; rushDayId?: number },
  ) {
    await slots.take(slot.id, t);
    return recordBooking(t, c, slot, userId, opts);
  }

  /** Inside `t`: the booking with the booker's hold and its invitation code; the seat is the caller's to take. */
  async function recordBooking(
    t: import('sequelize').Transaction,
    c: ConfigRow,
    slot: SlotRow,
    userId: number,
    opts: { consentNotices: boolean; rushDayId?: number },
  ) {
    const twoParty = TWO_PARTY.has(c.service_code);
    const b = await insertBooking(
      deps,
      t,
      {
        ...bookingTimeOf(slot),
        user_id: userId,
        partner_user_id: null,
        status: twoParty ? 'awaiting_partner' : 'confirmed',
        visit: 1,
        consent_notices: opts.consentNotices,
        rush_day_id: opts.rushDayId ?? null,
        ...(twoParty ? { invite_expires_at: new Date(p.clock.now() + INVITE_HOURS * 3600_000) } : {}),
      },
      [userId],
    );
    if (twoParty) {
      b.invite_code = await withFreshCode(async (code) => {
        try {
          await Booking.update({ invite_code: code }, { where: { id: b.id }, transaction: t });
          return code;
        } catch (err) {
          if (isUniqueViolation(err)) throw new CodeTaken();
          throw err;
        }
      });
    }
    await deps.stats.record.booking(t, c.hall_id, 'made');
    return b;
  }

  return { book, seatAndRecord, checkPerson, banUntil };
}
