import type { Migration } from '../../../platform/db/migrate';

/**
 * The roll-up keys' indexes also hold `value`: a dashboard's sums over a range of days (a
 * year of a province is a million rows) are read from the index alone, without visiting rows.
 * Same leading columns, so the fold job still finds a key's rows by it.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('stats_daily', ['metric', 'day', 'hall_id', 'division_code', 'value'], {
    name: 'stats_daily_sums',
  });
  await qi.removeIndex('stats_daily', 'stats_daily_key');
  await qi.addIndex('stats_hourly', ['metric', 'day', 'hour', 'hall_id', 'division_code', 'value'], {
    name: 'stats_hourly_sums',
  });
  await qi.removeIndex('stats_hourly', 'stats_hourly_key');
};
