import type { Migration } from '../../../platform/db/migrate';

/**
 * Grid cells counted as platform/geo counts them (`floor(deg / 0.01)` exact for stored decimals,
 * the rows the volunteer activities' `lat_band` uses): a place on a cell's edge (39.91, 116.40)
 * was put one cell south or west by the binary rounding of `(lat + 90) / 0.01`. Recomputed for
 * every place whose number differs; the search's ranges are widened by a hair, so the old
 * numbers were found too, but one rule for both is what the code states.
 */
/** As grid.gridCell at the time of writing (a migration keeps its own copy). */
const gridCell = (lat: number, lng: number) =>
  (Math.floor(Math.round(lat * 1e7) / 1e5) + 9_000) * 36_001 + Math.floor(Math.round(lng * 1e7) / 1e5) + 18_000;

export const up: Migration['up'] = async ({ db }) => {
  const [rows] = (await db.query('SELECT id, lat, lng, grid_cell FROM elderly_places')) as [
    Array<{ id: number; lat: number; lng: number; grid_cell: number }>,
    unknown,
  ];
  for (const r of rows) {
    const cell = gridCell(Number(r.lat), Number(r.lng));
    if (cell !== Number(r.grid_cell))
      await db.query('UPDATE elderly_places SET grid_cell = ? WHERE id = ?', { replacements: [cell, r.id] });
  }
};
