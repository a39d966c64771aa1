import { DataTypes, QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/**
 * Activities near a point read a narrow index range: each activity carries its 0.01° latitude
 * band (about 1.1 km), indexed with the longitude, so a 5 km search reads about eleven short
 * longitude ranges instead of the whole latitude band across the map.
 */
/** As geo.latBand at the time of writing (a migration keeps its own copy). */
const latBand = (lat: number) => Math.floor(Math.round(lat * 1e7) / 1e5);

export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('volunteer_activities', 'lat_band', { type: DataTypes.INTEGER, allowNull: true });
  const rows = (await qi.sequelize.query('SELECT id, lat FROM volunteer_activities', {
    type: QueryTypes.SELECT,
  })) as Array<{ id: number; lat: number }>;
  for (const r of rows)
    await qi.sequelize.query('UPDATE volunteer_activities SET lat_band = :band WHERE id = :id', {
      replacements: { band: latBand(Number(r.lat)), id: r.id },
    });
  await qi.addIndex('volunteer_activities', ['lat_band', 'lng', 'lat'], { name: 'volunteer_activities_band' });
};
