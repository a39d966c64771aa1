import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { gridCell } from '../grid';

/**
 * The grid cell of each place's point (grid.ts), indexed with the columns a search near a point
 * filters on, so the database reads only the cells the circle touches and checks the filters in
 * the index before it reads a row. It replaces the `(lat, lng)` index, which narrowed by latitude
 * only (the whole band across the map).
 */
export const up: Migration['up'] = async ({ context: qi, db }) => {
  await qi.addColumn('elderly_places', 'grid_cell', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  const [rows] = (await db.query('SELECT id, lat, lng FROM elderly_places')) as [
    Array<{ id: number; lat: number; lng: number }>,
    unknown,
  ];
  for (const r of rows)
    await db.query('UPDATE elderly_places SET grid_cell = ? WHERE id = ?', {
      replacements: [gridCell(Number(r.lat), Number(r.lng)), r.id],
    });
  await qi.addIndex('elderly_places', ['grid_cell', 'lat', 'lng', 'kind', 'price_from_cents', 'vacancies'], {
    name: 'elderly_places_grid',
  });
  await qi.removeIndex('elderly_places', 'elderly_places_point');
};
