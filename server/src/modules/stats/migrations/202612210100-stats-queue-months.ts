import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

const BATCH = 2000;

/**
 * The queue's waits are counted per month too (`month.queue.wait.<bucket>` at the month's
 * first day, written beside each day's row by `record.ticketCalled`), so the dashboard over a
 * year reads twelve months of (hall, hour) keys instead of 365 days of them. This counts the
 * months of the waits already on record, once; from now on the event writes both.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const db = qi.sequelize;
  const sums = await db.query<{
    metric: string;
    month: string;
    hour: number;
    hall_id: number;
    division_code: string;
    total: number | string;
  }>(
    `SELECT metric, SUBSTR(day, 1, 7) AS month, hour, hall_id, division_code, SUM(value) AS total
       FROM stats_hourly WHERE metric LIKE 'queue.wait.%'
      GROUP BY metric, SUBSTR(day, 1, 7), hour, hall_id, division_code`,
    { type: QueryTypes.SELECT },
  );
  for (let i = 0; i < sums.length; i += BATCH) {
    const values = sums
      .slice(i, i + BATCH)
      .map((r) => [`${r.month}-01`, r.hall_id, r.division_code, `month.${r.metric}`, Number(r.total), r.hour]);
    await db.query(
      `INSERT INTO stats_hourly (day, hall_id, division_code, metric, value, hour) VALUES ${values.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      { replacements: values.flat() },
    );
  }
};
