import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * Roll-up tables for staff statistics: a count is written in the same transaction as the event
 * it counts (a booking made, a ticket called, a complaint answered), as a row of its own — a
 * plain insert, which never waits for or deadlocks with a concurrent one (an upsert of one
 * shared row did, on MariaDB, under the booking rush) — and a job folds the rows of each
 * (day[, hour], hall, division, metric) into one every minute, so the dashboards sum a few
 * hundred rows whatever the size of the raw tables. `hall_id` 0: a division's own (complaints).
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const common = {
    day: { type: DataTypes.CHAR(10), allowNull: false },
    hall_id: { type: DataTypes.INTEGER, allowNull: false },
    division_code: { type: DataTypes.STRING(12), allowNull: false },
    metric: { type: DataTypes.STRING(40), allowNull: false },
    value: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
  };
  await qi.createTable('stats_daily', { id, ...common }, TABLE_OPTIONS);
  await qi.addIndex('stats_daily', ['metric', 'day', 'hall_id', 'division_code'], {
    name: 'stats_daily_key',
  });
  await qi.createTable(
    'stats_hourly',
    { id, ...common, hour: { type: DataTypes.TINYINT, allowNull: false } },
    TABLE_OPTIONS,
  );
  await qi.addIndex('stats_hourly', ['metric', 'day', 'hour', 'hall_id', 'division_code'], {
    name: 'stats_hourly_key',
  });
};
