import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// Small lists (opening sessions, service codes of a window) are JSON text: read whole, the
// same on SQLite and MySQL.
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const stamps = {
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  };

  await qi.createTable(
    'halls',
    {
      id,
      name: { type: DataTypes.STRING(100), allowNull: false },
      division_code: { type: DataTypes.CHAR(6), allowNull: false },
      address: { type: DataTypes.STRING(200), allowNull: false },
      latitude: { type: DataTypes.DOUBLE, allowNull: true },
      longitude: { type: DataTypes.DOUBLE, allowNull: true },
      phone: { type: DataTypes.STRING(40), allowNull: true },
      hours: { type: DataTypes.TEXT, allowNull: false },
      closed_weekdays: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '[]' },
      queue_prefixes: { type: DataTypes.TEXT, allowNull: true },
      intro: { type: DataTypes.TEXT, allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('halls', ['division_code']);

  await qi.createTable(
    'hall_windows',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      number: { type: DataTypes.STRING(8), allowNull: false },
      name: { type: DataTypes.STRING(60), allowNull: false },
      service_codes: { type: DataTypes.TEXT, allowNull: false },
      priority_lane: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('hall_windows', ['hall_id', 'number'], { unique: true, name: 'hall_windows_hall_number' });

  await qi.createTable(
    'hall_day_overrides',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      date: { type: DataTypes.CHAR(10), allowNull: false },
      open: { type: DataTypes.BOOLEAN, allowNull: false },
      hours: { type: DataTypes.TEXT, allowNull: true },
      note: { type: DataTypes.STRING(100), allowNull: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('hall_day_overrides', ['hall_id', 'date'], { unique: true, name: 'hall_day_overrides_hall_date' });

  await qi.createTable(
    'hall_entry_codes',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      window_number: { type: DataTypes.STRING(8), allowNull: true },
      service_code: { type: DataTypes.STRING(40), allowNull: true },
      scene: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      mp_ticket: { type: DataTypes.STRING(200), allowNull: true },
      mp_url: { type: DataTypes.STRING(200), allowNull: true },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      withdrawn_at: { type: DataTypes.DATE, allowNull: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('hall_entry_codes', ['hall_id']);
};
