import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 祭扫 green channel and gate check-in: a slot may hold seats back for 绿色通道 (elderly or
 * disabled visitors whom staff book in person, often without a phone); those bookings have their
 * own table (no citizen account; the visitor's ID number only as a keyed hash, once per slot);
 * each pass, online or green, is checked in at the gate once.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('funeral_visit_slots', 'green_capacity', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addColumn('funeral_visit_slots', 'green_booked', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addColumn('funeral_visits', 'checked_in_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('funeral_visits', 'checked_in_by', { type: DataTypes.INTEGER, allowNull: true });
  await qi.createTable(
    'funeral_green_visits',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
      slot_id: { type: DataTypes.INTEGER, allowNull: false },
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      visitor_name_enc: { type: DataTypes.TEXT, allowNull: false },
      visitor_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      visitor_id_hash: { type: DataTypes.STRING(64), allowNull: false },
      reason: { type: DataTypes.STRING(16), allowNull: false },
      deceased_name_masked: { type: DataTypes.STRING(16), allowNull: false },
      companions: { type: DataTypes.INTEGER, allowNull: false },
      /** Seats taken from the green reserve (true) or from the slot's ordinary seats (false). */
      from_reserve: { type: DataTypes.BOOLEAN, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      checked_in_at: { type: DataTypes.DATE, allowNull: true },
      checked_in_by: { type: DataTypes.INTEGER, allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_green_visits', ['slot_id', 'visitor_id_hash'], {
    unique: true,
    name: 'funeral_green_visits_once',
  });
};
