import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

const BATCH = 2000;

/**
 * Bookings are counted per month too (`month.bookings.<what>` at the month's first day, written
 * beside each day's row by `record.booking`), so the per-hall part of a year's dashboard reads
 * twelve months of hall keys instead of 365 days of them. This counts the months of the bookings
 * already on record, once; from now on the event writes both.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const db = qi.sequelize;
  const sums = await db.query<{
    metric: string;
    month: string;
    hall_id: number;
    division_code: string;
    total: number | string;
  }>(
    `SELECT metric, SUBSTR(day, 1, 7) AS month, hall_id, division_code, SUM(value) AS total
       FROM stats_daily WHERE metric IN ('bookings.made', 'bookings.cancelled', 'bookings.no_show')
      GROUP BY metric, SUBSTR(day, 1, 7), hall_id, division_code`,
    { type: QueryTypes.SELECT },
  );
  for (let i = 0; i < sums.length; i += BATCH) {
    const values = sums
      .slice(i, i + BATCH)
      .map((r) => [`${r.month}-01`, r.hall_id, r.division_code, `month.${r.metric}`, Number(r.total)]);
    await db.query(
      `INSERT INTO stats_daily (day, hall_id, division_code, metric, value) VALUES ${values.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      { replacements: values.flat() },
    );
  }
};
