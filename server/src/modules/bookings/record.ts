import { QueryTypes, type Transaction } from 'sequelize';
import { writeRow } from '../../platform/db/write-row';
import type { AppError } from '../../platform/errors';
import type { BookingDeps } from './deps';
import { CodeTaken, isUniqueViolation, newCode, withFreshCode } from './codes';
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
  const { db, clock } = deps.p;
  // The statements are plain INSERTs (platform/db/write-row), not Booking.create / Hold.create:
  // a rush's winners are all served at once, and a model's instance building, validation and
  // hooks were most of a winner's Node time. The columns and values are what create wrote.
  const columns = Object.keys(row) as Array<keyof BookingRow>;
  const sql = `INSERT INTO bookings (${columns.join(', ')}, code, created_at, updated_at) VALUES (${columns
    .map(() => '?')
    .join(', ')}, ?, ?, ?)`;
  const values = columns.map((k) => row[k] ?? null);
  const createdAt = clock.date();
  const booking = await withFreshCode(async (code) => {
    try {
      // updated_at is the real time, as the model's timestamps wrote it.
      const { insertId } = await writeRow(db, t, sql, [...values, code, createdAt, new Date()]);
      return { ...row, id: insertId, code, created_at: createdAt } as BookingRow;
    } catch (err) {
      if (isUniqueViolation(err)) throw new CodeTaken();
      throw err;
    }
  });
  for (const userId of holders) {
    try {
      await writeRow(
        db,
        t,
        'INSERT INTO booking_holds (user_id, service_code, booking_id, created_at) VALUES (?, ?, ?, ?)',
        [userId, row.service_code, booking.id, clock.date()],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw holdTaken(userId);
      throw err;
    }
  }
  return booking;
}

/**
 * Inside `t`: bookings of one slot at once (a rush's batch of winners), each under a fresh code
 * and with its booker's hold — one multi-row INSERT for the bookings, one for the holds. Any
 * refusal (a code taken, a hold already there) fails the whole statement: the caller rolls back
 * and tries each alone (insertBooking), which says which one it was. All rows have the same columns.
 */
export async function insertBookings(
  deps: Pick<BookingDeps, 'p'>,
  t: Transaction,
  rows: Array<Partial<BookingRow> & { user_id: number }>,
): Promise<BookingRow[]> {
  const { db, clock } = deps.p;
  const columns = Object.keys(rows[0]) as Array<keyof BookingRow>;
  const tuple = `(${columns.map(() => '?').join(', ')}, ?, ?, ?)`;
  const createdAt = clock.date();
  const updatedAt = new Date();
  const codes = rows.map(() => newCode());
  await writeRow(
    db,
    t,
    `INSERT INTO bookings (${columns.join(', ')}, code, created_at, updated_at) VALUES ${rows.map(() => tuple).join(', ')}`,
    rows.flatMap((row, i) => [...columns.map((k) => row[k] ?? null), codes[i], createdAt, updatedAt]),
  );
  // Their ids by their codes (unique), read in `t`: whatever the auto-increment's steps.
  const found = (await db.query(`SELECT id, code FROM bookings WHERE code IN (${codes.map(() => '?').join(', ')})`, {
    replacements: codes,
    transaction: t,
    type: QueryTypes.SELECT,
  })) as Array<{ id: number; code: string }>;
  const idOf = new Map(found.map((r) => [r.code, Number(r.id)]));
  const bookings = rows.map(
    (row, i) => ({ ...row, id: idOf.get(codes[i])!, code: codes[i], created_at: createdAt }) as BookingRow,
  );
  const heldAt = clock.date();
  await writeRow(
    db,
    t,
    `INSERT INTO booking_holds (user_id, service_code, booking_id, created_at) VALUES ${bookings
      .map(() => '(?, ?, ?, ?)')
      .join(', ')}`,
    bookings.flatMap((b) => [b.user_id, b.service_code, b.id, heldAt]),
  );
  return bookings;
}
