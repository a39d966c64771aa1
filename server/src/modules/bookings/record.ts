import type { Transaction } from 'sequelize';
import type { AppError } from '../../platform/errors';
import type { BookingDeps } from './deps';
import { CodeTaken, isUniqueViolation, withFreshCode } from './codes';
import type { BookingRow, SlotRow } from './models';
import { alreadyBookedError } from './errors';

/** Where and when a booking of `slot` is: the part of its row every kind of booking copies from the slot. */
export function bookingTimeOf(
  slot: SlotRow,
): Pick<BookingRow, 'hall_id' | 'service_code' | 'slot_id' | 'date' | 'period' | 'start_time' | 'end_time'> {
  return {
    hall_id: slot.hall_id,
    service_code: slot.service_code,
    slot_id: slot.id,
    date: slot.date,
    period: slot.period,
    start_time: slot.start_time,
    end_time: slot.end_time,
  };
}

/**
 * Inside `t` (the seat is the caller's to take): the booking under a fresh code, and for each of
 * `holders` their one active booking of the service — a unique index, so a second booking of
 * the same service by the same person fails here whatever raced it. `holdTaken` names who
 * already had one (the booker by default: 「您已有该事项的有效预约」).
 */
export async function insertBooking(
  deps: Pick<BookingDeps, 'p' | 'models'>,
  t: Transaction,
  row: Partial<BookingRow>,
  holders: number[],
  holdTaken: (userId: number) => AppError = () => alreadyBookedError(),
): Promise<BookingRow> {
  const { Booking, Hold } = deps.models;
  const booking = await withFreshCode(async (code) => {
    try {
      return await Booking.create({ ...row, code, created_at: deps.p.clock.date() }, { transaction: t });
    } catch (err) {
      if (isUniqueViolation(err)) throw new CodeTaken();
      throw err;
    }
  });
  for (const userId of holders) {
    try {
      await Hold.create(
        { user_id: userId, service_code: row.service_code!, booking_id: booking.id, created_at: deps.p.clock.date() },
        { transaction: t },
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw holdTaken(userId);
      throw err;
    }
  }
  return booking.get({ plain: true }) as BookingRow;
}
