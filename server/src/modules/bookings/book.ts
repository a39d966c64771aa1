import { readRows } from '../../platform/db/read-rows';
import { AppError, conflict } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { addDays } from '../../platform/clock';
import type { BookingDeps } from './deps';
import { bookingTimeOf, insertBooking, insertBookings } from './record';
import { CodeTaken, isUniqueViolation, withFreshCode } from './codes';
import { bookingLink, noticeData } from './notice-data';
import type { BookingRow, ConfigRow, SlotRow } from './models';
import type { Transaction } from 'sequelize';
import { makeWriteBatches } from '../../platform/db/write-batches';
import { ageOn, INVITE_HOURS, MIN_MARRIAGE_AGE, noShowRuleText, personOf, TWO_PARTY } from './rules';
import { SERVICE_CODES } from '../catalogue';
import { realNameRequiredError, slotFullError } from './errors';

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
  const { Booking } = models;

  async function banUntil(userId: number, c: ConfigRow): Promise<string | null> {
    const today = p.clock.today();
    const since = addDays(today, -c.no_show_window_days);
    // A plain read (platform/db/read-rows): every winner of a rush asks it before its transaction.
    const misses = await readRows<{ date: string }>(
      p.db,
      `SELECT date FROM bookings WHERE (user_id = ? OR partner_user_id = ?) AND status = 'no_show' AND date >= ?
       ORDER BY date DESC`,
      [userId, userId, since],
    );
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
    // Independent reads, side by side: the person (real name, no-show ban), names. An existing
    // hold is not read first: the hold's unique key refuses it inside the transaction (insertBooking
    // answers 「您已有该事项的有效预约」 and the transaction rolls back), so a winner of a rush sends
    // one statement fewer and holds one pooled connection less while 199 others want one.
    const [, names] = await Promise.all([checkPerson(userId, c, input.date), deps.names.of(c)]);

    // A one-party booking goes with the others of its slot arriving while this process writes
    // that slot (winners below); a two-party one (an invitation code) alone, as before.
    const booking = TWO_PARTY.has(c.service_code)
      ? await bookAlone(userId, c, slot, input.consentNotices, names)
      : await winners.add(String(slot.id), { userId, c, slot, consentNotices: input.consentNotices, names });
    // `slot` may be the shared short-lived copy (see slots.bookable): what this process learns
    // here is written back so the next asker is answered sooner.
    slot.booked = Math.min(slot.capacity, slot.booked + 1);
    return booking;
  }

  type Names = Awaited<ReturnType<typeof deps.names.of>>;
  interface Winner {
    userId: number;
    c: ConfigRow;
    slot: SlotRow;
    consentNotices: boolean;
    names: Names;
  }

  /**
   * The winners of a rush, one transaction per batch (platform/db/write-batches): those holding
   * a seat of the same slot while this process' previous transaction for it runs are written
   * together — one multi-row INSERT of the bookings, one of the holds, their notices, one stats
   * row, one conditional UPDATE of the slot for all their seats (the database decides), one
   * COMMIT. A batch refused as a whole (a repeat hold, a code taken, seats short, any error) is
   * rolled back, nothing written, and each of it is tried alone (bookAlone), which gives each its
   * own 201, 「已约满」, 「您已有该事项的有效预约」 or error; `book` gives its seat back to the stock.
   */
  const winners = makeWriteBatches<Winner, BookingRow>({
    max: 200,
    who: (w) => w.userId,
    async write(_slot, batch) {
      if (batch.length === 1) {
        const w = batch[0].item;
        try {
          return { done: [await bookAlone(w.userId, w.c, w.slot, w.consentNotices, w.names)] };
        } catch (err) {
          return { refused: err };
        }
      }
      const { c, slot } = batch[0].item;
      let t: Transaction;
      try {
        t = await p.db.transaction();
      } catch (err) {
        // No connection (the pool's wait ran out, the database is down): nothing to try alone.
        for (const w of batch) w.reject(err);
        return undefined;
      }
      let rows: BookingRow[];
      try {
        rows = await insertBookings(
          deps,
          t,
          batch.map((w) => ({
            ...bookingTimeOf(slot),
            user_id: w.item.userId,
            partner_user_id: null,
            status: 'confirmed' as const,
            visit: 1,
            consent_notices: w.item.consentNotices,
            rush_day_id: null,
          })),
        );
        for (let i = 0; i < rows.length; i++) {
          const b = rows[i];
          await deps.notices.notify(
            { userId: b.user_id },
            'booking.confirmed',
            noticeData(batch[i].item.names, b),
            bookingLink(b.code),
            { transaction: t },
          );
        }
        await deps.stats.record.booking(t, c.hall_id, 'made', rows.length);
        await slots.takeSeats(slot.id, rows.length, t);
      } catch (err) {
        await t.rollback().catch(() => {});
        return { refused: err };
      }
      try {
        await t.commit();
      } catch (err) {
        for (const w of batch) w.reject(err);
        return undefined;
      }
      return { done: rows };
    },
    async refused(_slot, w, err) {
      w.reject(err);
    },
  });

  /** One booking in its own transaction: the booking, the holds, the notice, then the seat. */
  async function bookAlone(userId: number, c: ConfigRow, slot: SlotRow, consentNotices: boolean, names: Names) {
    const input = { consentNotices };
    return p.db.transaction(async (t) => {
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
