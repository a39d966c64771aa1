import type { Migration } from '../../../platform/db/migrate';

/**
 * A family's ranked search reads the notices found near where the person was last seen, and only
 * those found after that day (candidates.ts). A range of found_lat cannot be followed by a range of
 * found_date in one index, so a ring of the old (status, sex, found_lat, found_lng) index read every
 * notice in a latitude band of the country, of any date, and a ring whose date window was narrower
 * read the same date range again for each ring. `found_cell` names the 2°×2° cell of the found point
 * (FLOOR(lat/2)·1000 + FLOOR(lng/2); NULL without a point), computed by the database so every writer
 * — the app, bulk seeds — keeps it true. A ring asks for the cells its box covers, each cell a key
 * followed by a range of found_date; the ages are checked in the index before a row is read.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const db = qi.sequelize;
  if (db.getDialect() === 'sqlite') {
    // SQLite has no FLOOR in every build: CAST truncates toward zero, one less below zero.
    const floorHalf = (c: string) => `(CAST(${c} / 2 AS INTEGER) - (${c} / 2 < CAST(${c} / 2 AS INTEGER)))`;
    await db.query(
      `ALTER TABLE family_search_notices ADD COLUMN found_cell INTEGER GENERATED ALWAYS AS (CASE WHEN found_lat IS NULL OR found_lng IS NULL THEN NULL ELSE ${floorHalf('found_lat')} * 1000 + ${floorHalf('found_lng')} END) VIRTUAL`,
    );
  } else {
    await db.query(
      'ALTER TABLE family_search_notices ADD COLUMN found_cell INT AS (CASE WHEN found_lat IS NULL OR found_lng IS NULL THEN NULL ELSE FLOOR(found_lat / 2) * 1000 + FLOOR(found_lng / 2) END) PERSISTENT',
    );
  }
  await qi.addIndex('family_search_notices', ['status', 'sex', 'found_cell', 'found_date', 'age_min', 'age_max'], {
    name: 'fs_notices_cell',
  });
  // No query reads by latitude alone any more.
  await qi.removeIndex('family_search_notices', 'fs_notices_ring_point');
  // The ring beyond 1,000 km (and the public list) read a range of found dates: with the ages in the
  // index, a notice of another age band is left there instead of read.
  await qi.removeIndex('family_search_notices', 'fs_notices_public');
  await qi.addIndex('family_search_notices', ['status', 'sex', 'found_date', 'age_min', 'age_max'], {
    name: 'fs_notices_public',
  });
};
