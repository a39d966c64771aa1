import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 祭扫 booking: a cemetery's hourly slots with a capacity in persons (the visitor and up to four
 * companions count), and the bookings — one per person per slot (unique), with a pass code.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  await qi.createTable(
    'funeral_visit_slots',
    {
      id,
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      date: { type: DataTypes.STRING(10), allowNull: false },
      start_time: { type: DataTypes.STRING(5), allowNull: false },
      end_time: { type: DataTypes.STRING(5), allowNull: false },
      capacity: { type: DataTypes.INTEGER, allowNull: false },
      booked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_visit_slots', ['place_id', 'date', 'start_time'], {
    unique: true,
    name: 'funeral_visit_slots_hour',
  });
  await qi.createTable(
    'funeral_visits',
    {
      id,
      code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      slot_id: { type: DataTypes.INTEGER, allowNull: false },
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      deceased_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      companions: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_visits', ['slot_id', 'user_id'], { unique: true, name: 'funeral_visits_once' });
  await qi.addIndex('funeral_visits', ['user_id'], { name: 'funeral_visits_user' });
};
