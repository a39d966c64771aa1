import type { Migration } from '../../../platform/db/migrate';

/**
 * A family's ranked search reads the notices ring by ring around where the person was last seen
 * (candidates.ts): the county, city and province are ranges of found_division_code, the distance
 * rings ranges of found_lat, each after the public statuses and the sex. The station statistics
 * (stats.ts) are GROUP BYs over a station's notices found in a date range: the last index holds every
 * column they read.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('family_search_notices', ['status', 'sex', 'found_division_code', 'found_date'], {
    name: 'fs_notices_ring_division',
  });
  await qi.addIndex('family_search_notices', ['status', 'sex', 'found_lat', 'found_lng'], {
    name: 'fs_notices_ring_point',
  });
  await qi.addIndex(
    'family_search_notices',
    ['station_division_code', 'found_date', 'status', 'found_division_code', 'updated_at'],
    { name: 'fs_notices_stats' },
  );
};
