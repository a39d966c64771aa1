import type { Migration } from '../../../platform/db/migrate';

/**
 * A family's ranked search narrows by sex and an age band before it scores (candidates.ts): an
 * index on (status, sex, age_min) lets the age band be a range when it is narrower than the date window.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addIndex('family_search_notices', ['status', 'sex', 'age_min'], { name: 'fs_notices_age' });
};
