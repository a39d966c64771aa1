import { literal, Op, UniqueConstraintError } from 'sequelize';
import type { SeatStock } from '../../platform/cache';
import { conflict } from '../../platform/errors';
import { type BatchOutcome, makeWriteBatches, type Pending } from '../../platform/db/write-batches';
import type { Platform } from '../../platform/platform';
import type { FuneralModels, VisitRow } from './models';

export type NewVisit = Omit<VisitRow, 'id' | 'checked_in_at' | 'checked_in_by'>;

const slotFullError = () => conflict('SLOT_FULL', '该时段已约满，请选择其他时段');
const alreadyBookedError = () => conflict('ALREADY_BOOKED', '您已预约该时段，每人每个时段只能预约一次');

/** A batch's conditional update found fewer seats than the batch needs: nothing was written. */
class NoRoom extends Error {}

/** At most this many bookings in one transaction (one multi-row INSERT). */
const MAX_BATCH = 200;

/**
 * The 祭扫 winners' writes, one transaction per batch: those who hold seats from the shared stock
 * (`createSeatStock`) for the same slot, arriving while this process' previous transaction for
 * that slot runs, are written together — the booking rows by one multi-row INSERT (its unique key
 * refuses a repeat before the hot slot row is locked), then the slot's seats by one conditional
 * UPDATE (`booked + k ≤ online seats`, which decides), then one COMMIT. A booking alone is a batch
 * of one. The slot row and the visits change in the same commit: a crash never leaves a place
 * counted with no visit (or a visit with no place), and a rush costs one commit per batch rather
 * than two per winner.
 *
 * Each request still gets its own answer: when a batch is refused as a whole (a repeat, the table
 * fuller than the stock, any other error), nothing of it was written and each of its bookings is
 * tried again alone, which answers 「已预约」, 「已约满」 or the error for that one only; seats not
 * booked go back to the stock. Only a COMMIT whose answer is lost leaves the outcome unknown: the
 * rows are looked for, and the seats given back to the stock only when they are certainly not there.
 */
export function makeWinners(p: Platform, m: FuneralModels, seats: SeatStock) {
  type Claim = Pending<{ row: NewVisit; persons: number; slotId: number; online: number }, void>;

  /**
   * One transaction for the batch: done when committed, refused (the error) when rolled back
   * (nothing written), undefined when it already answered the batch with the error (no
   * connection to start with: seats back to the stock; or a COMMIT whose outcome is unknown and
   * whose rows are there).
   */
  async function write(stockKey: string, batch: Claim[]): Promise<BatchOutcome<void>> {
    const { slotId, online } = batch[0].item;
    const persons = batch.reduce((n, c) => n + c.item.persons, 0);
    let t: Awaited<ReturnType<typeof p.db.transaction>>;
    try {
      t = await p.db.transaction();
    } catch (err) {
      // No connection (the pool's wait ran out, the database is down): nothing to try alone.
      for (const c of batch) {
        await seats.notTaken(stockKey, c.item.persons, false).catch(() => {});
        c.reject(err);
      }
      return undefined;
    }
    try {
      await m.Visit.bulkCreate(
        batch.map((c) => c.item.row),
        { transaction: t },
      );
      const [n] = await m.VisitSlot.update(
        { booked: literal(`booked + ${persons}`) as never },
        { where: { id: slotId, booked: { [Op.lte]: online - persons } }, transaction: t },
      );
      if (n === 0) throw new NoRoom();
    } catch (err) {
      await t.rollback().catch(() => {});
      return { refused: err };
    }
    try {
      await t.commit();
      return { done: batch.map(() => undefined) };
    } catch (err) {
      // The COMMIT's answer is lost: written or not? The first row says for all of them.
      const written = await m.Visit.count({ where: { slot_id: slotId, user_id: batch[0].item.row.user_id } }).then(
        (n) => n > 0,
        () => true,
      );
      if (!written) return { refused: err };
      for (const c of batch) c.reject(err);
      return undefined;
    }
  }

  const batches = makeWriteBatches<Claim['item'], void>({
    max: MAX_BATCH,
    who: (item) => item.row.user_id,
    write,
    async refused(stockKey, c, err) {
      await seats.notTaken(stockKey, c.item.persons, err instanceof NoRoom).catch(() => {});
      if (err instanceof NoRoom) c.reject(slotFullError());
      else if (err instanceof UniqueConstraintError) c.reject(alreadyBookedError());
      else c.reject(err);
    },
  });

  return {
    /**
     * Writes a booking whose persons the caller holds from the stock under `stockKey`; resolves
     * once it is committed, or rejects with 「已约满」, 「已预约」 or the error (its seats then back
     * to the stock unless the outcome is unknown).
     */
    book(stockKey: string, slotId: number, online: number, row: NewVisit) {
      return batches.add(stockKey, { row, persons: row.companions + 1, slotId, online });
    },
  };
}
