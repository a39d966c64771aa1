import type { Migration } from '../../../platform/db/migrate';

/**
 * The places taken of a search's page are counted fresh on every search (activity_id IN …, status
 * IN …): with status beside the activity in one index, the count reads index entries only, not
 * each sign-up's row — a popular activity has thousands.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('volunteer_signups', ['activity_id', 'status'], { name: 'volunteer_signups_taken' });
};
