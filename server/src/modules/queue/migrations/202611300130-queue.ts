import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// Tickets are per hall and day: numbers restart every day (the counter row is per day and
// prefix), and the unique key makes a number impossible to hand out twice.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'queue_counters',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      day: { type: DataTypes.CHAR(10), allowNull: false },
      prefix: { type: DataTypes.CHAR(1), allowNull: false },
      last: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('queue_counters', ['hall_id', 'day', 'prefix'], { unique: true, name: 'queue_counters_key' });

  await qi.createTable(
    'queue_tickets',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      day: { type: DataTypes.CHAR(10), allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      prefix: { type: DataTypes.CHAR(1), allowNull: false },
      number: { type: DataTypes.INTEGER, allowNull: false },
      label: { type: DataTypes.STRING(8), allowNull: false },
      lane: { type: DataTypes.STRING(10), allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: true },
      booking_id: { type: DataTypes.INTEGER, allowNull: true, unique: true },
      window_number: { type: DataTypes.STRING(8), allowNull: true },
      call_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      near_notified: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      called_at: { type: DataTypes.DATE, allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('queue_tickets', ['hall_id', 'day', 'prefix', 'number'], {
    unique: true,
    name: 'queue_tickets_number',
  });
  await qi.addIndex('queue_tickets', ['hall_id', 'day', 'status']);
  await qi.addIndex('queue_tickets', ['user_id', 'day']);
};
