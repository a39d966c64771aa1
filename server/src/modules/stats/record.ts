import type { Transaction } from 'sequelize';
import { beijingTimeAt } from '../../platform/clock';
import { writeRow } from '../../platform/db/write-row';
import type { Platform } from '../../platform/platform';
import type { HallsApi } from '../halls';
import {
  BOOKING_METRICS,
  COMPLAINT_METRICS,
  FOLLOWER_METRICS,
  type NoticeChannel,
  type NoticeStep,
  noticeMetric,
  QUEUE_CALLED,
  monthly,
  monthOf,
  waitBucket,
  waitMetric,
} from './metrics';

type Where = { hallId: number } | { divisionCode: string };

/**
 * The hooks owning modules call inside the transaction of the event they count: the count
 * exists if and only if the event commits. Each is an insert of its own row (see the
 * migration: no shared row to lock); `compact.ts` folds them. A hall's division is looked up
 * once per process (halls do not move between divisions).
 */
export function makeRecord(
  p: Platform,
  halls: Pick<HallsApi, 'places'>,
  on: {
    /** After a ticket call commits: kept queue answers retire. */
    queueChanged(): Promise<void>;
    /**
     * After an event of this place (a hall, or a division at hall 0) commits: the kept answers
     * of that dashboard covering it retire.
     */
    changed(
      dashboard: 'bookings' | 'complaints' | 'notices' | 'followers',
      place: { hallId: number; divisionCode: string },
    ): Promise<void>;
  },
) {
  const divisionOfHall = new Map<number, string>();

  /** Awaited by the commit, so the caller's answer leaves after the kept dashboards retired. */
  async function retireAfterCommit(
    t: Transaction,
    dashboard: 'bookings' | 'complaints' | 'notices' | 'followers',
    where: Where,
  ) {
    const at = await place(where, t);
    t.afterCommit(() =>
      on.changed(dashboard, at).catch((err) => p.logger.warn({ err, dashboard }, 'stats: kept answers not retired')),
    );
  }

  async function place(where: Where, t: Transaction) {
    if ('divisionCode' in where) return { hallId: 0, divisionCode: where.divisionCode };
    let divisionCode = divisionOfHall.get(where.hallId);
    if (divisionCode === undefined) {
      const [found] = await halls.places([where.hallId], t);
      divisionCode = found?.divisionCode ?? '';
      divisionOfHall.set(where.hallId, divisionCode);
    }
    return { hallId: where.hallId, divisionCode };
  }

  async function add(
    t: Transaction,
    table: 'stats_daily' | 'stats_hourly',
    metrics: Array<[string, number, 'month'?]>,
    where: Where,
    at: number,
  ) {
    const { hallId, divisionCode } = await place(where, t);
    const { date, minutes } = beijingTimeAt(at);
    const hourly = table === 'stats_hourly';
    const rows = metrics.map(([metric, value, per]) => [
      per === 'month' ? monthOf(date) : date,
      hallId,
      divisionCode,
      metric,
      value,
      ...(hourly ? [Math.floor(minutes / 60)] : []),
    ]);
    const tuple = `(?, ?, ?, ?, ?${hourly ? ', ?' : ''})`;
    // One plain INSERT on the transaction's connection (platform/db/write-row).
    await writeRow(
      p.db,
      t,
      `INSERT INTO ${table} (day, hall_id, division_code, metric, value${hourly ? ', hour' : ''}) VALUES ${rows
        .map(() => tuple)
        .join(', ')}`,
      rows.flat(),
    );
  }

  return {
    /**
     * A booking was made (a seat taken), cancelled or marked as a no-show at the hall, now: the
     * day's count and its month's (a long range reads whole months by hall, not days).
     */
    /** `count` bookings of one hall at once (a rush's batch of winners): one insert, their number as its value. */
    async booking(t: Transaction, hallId: number, what: keyof typeof BOOKING_METRICS, count = 1) {
      await retireAfterCommit(t, 'bookings', { hallId });
      const metric = BOOKING_METRICS[what];
      return add(
        t,
        'stats_daily',
        [
          [metric, count],
          [monthly(metric), count, 'month'],
        ],
        { hallId },
        p.clock.now(),
      );
    },
    /** A queue ticket taken at `takenAt` was called now: one more served, its wait in its bucket. */
    ticketCalled(t: Transaction, hallId: number, takenAt: Date) {
      const now = p.clock.now();
      // Awaited by the commit, so the caller's answer leaves after the kept dashboards retired.
      t.afterCommit(() => on.queueChanged().catch((err) => p.logger.warn({ err }, 'stats: queue answers not retired')));
      const minutes = Math.max(0, (now - takenAt.getTime()) / 60_000);
      return add(
        t,
        'stats_hourly',
        [
          [QUEUE_CALLED, 1],
          [waitMetric(waitBucket(minutes)), 1],
          // The same wait in its month's histogram: a long range reads months, not days.
          [monthly(waitMetric(waitBucket(minutes))), 1, 'month'],
        ],
        { hallId },
        now,
      );
    },
    /** A complaint of the division was filed, or moved to `status` (closing ones add their age). */
    async complaint(
      t: Transaction,
      divisionCode: string,
      status: 'submitted' | 'accepted' | 'answered' | 'rejected',
      filedAt?: Date,
    ) {
      const now = p.clock.now();
      const metrics: Array<[string, number]> = [[COMPLAINT_METRICS[status], 1]];
      if ((status === 'answered' || status === 'rejected') && filedAt)
        metrics.push([COMPLAINT_METRICS.closeHours, Math.max(0, Math.round((now - filedAt.getTime()) / 3600_000))]);
      await retireAfterCommit(t, 'complaints', { divisionCode });
      return add(t, 'stats_daily', metrics, { divisionCode }, now);
    },
    /**
     * `count` notices of a channel reached `step` now. Notices are the platform's, not a
     * region's: they count at division '' (hall 0), which only unscoped staff read.
     */
    async notices(t: Transaction, channel: NoticeChannel, step: NoticeStep, count: number) {
      if (count <= 0) return;
      await retireAfterCommit(t, 'notices', { divisionCode: '' });
      return add(t, 'stats_daily', [[noticeMetric(channel, step), count]], { divisionCode: '' }, p.clock.now());
    },
    /**
     * Someone followed (or came back to) or left the public account now. A follower brought by a
     * hall's QR code counts for that hall (and its region); one whose origin is unknown, at ''.
     */
    async follower(
      t: Transaction,
      what: keyof typeof FOLLOWER_METRICS,
      origin: { hallId: number | null; divisionCode: string | null },
    ) {
      const where: Where = origin.hallId ? { hallId: origin.hallId } : { divisionCode: origin.divisionCode ?? '' };
      await retireAfterCommit(t, 'followers', where);
      return add(t, 'stats_daily', [[FOLLOWER_METRICS[what], 1]], where, p.clock.now());
    },
  };
}
export type StatsRecord = ReturnType<typeof makeRecord>;
