import type { Migration } from '../../../platform/db/migrate';

/**
 * Activities near a point: the search ranges over latitude (then longitude) in this index and
 * orders and limits in SQL, instead of reading every activity open on the map.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('volunteer_activities', ['lat', 'lng'], { name: 'volunteer_activities_place' });
};
