import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * Bookings. Two database rules carry the concurrency guarantees, on SQLite and MySQL alike:
 * - a slot's seat is taken by `UPDATE booking_slots SET booked = booked + 1 WHERE id = ? AND
 *   booked < capacity` (no overbooking, whichever process asks);
 * - booking_holds is unique on (user_id, service_code): one active booking per person and
 *   service, for both parties of a marriage, even when two requests race.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const stamps = {
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  };

  await qi.createTable(
    'booking_configs',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      periods: { type: DataTypes.TEXT, allowNull: false },
      open_days_ahead: { type: DataTypes.INTEGER, allowNull: false },
      cutoff_minutes: { type: DataTypes.INTEGER, allowNull: false },
      cancel_minutes: { type: DataTypes.INTEGER, allowNull: false },
      no_show_limit: { type: DataTypes.INTEGER, allowNull: false },
      no_show_window_days: { type: DataTypes.INTEGER, allowNull: false },
      no_show_ban_days: { type: DataTypes.INTEGER, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('booking_configs', ['hall_id', 'service_code'], {
    unique: true,
    name: 'booking_configs_hall_service',
  });

  await qi.createTable(
    'booking_slots',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      date: { type: DataTypes.CHAR(10), allowNull: false },
      period: { type: DataTypes.STRING(10), allowNull: false },
      start_time: { type: DataTypes.CHAR(5), allowNull: false },
      end_time: { type: DataTypes.CHAR(5), allowNull: false },
      capacity: { type: DataTypes.INTEGER, allowNull: false },
      booked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('booking_slots', ['hall_id', 'service_code', 'date', 'period'], {
    unique: true,
    name: 'booking_slots_key',
  });

  await qi.createTable(
    'bookings',
    {
      id,
      code: { type: DataTypes.CHAR(8), allowNull: false, unique: true },
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      slot_id: { type: DataTypes.INTEGER, allowNull: false },
      date: { type: DataTypes.CHAR(10), allowNull: false },
      period: { type: DataTypes.STRING(10), allowNull: false },
      start_time: { type: DataTypes.CHAR(5), allowNull: false },
      end_time: { type: DataTypes.CHAR(5), allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      partner_user_id: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(20), allowNull: false },
      visit: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      divorce_case_id: { type: DataTypes.INTEGER, allowNull: true },
      rush_day_id: { type: DataTypes.INTEGER, allowNull: true },
      invite_code: { type: DataTypes.CHAR(8), allowNull: true, unique: true },
      invite_expires_at: { type: DataTypes.DATE, allowNull: true },
      consent_notices: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      reminded_at: { type: DataTypes.DATE, allowNull: true },
      checked_in_at: { type: DataTypes.DATE, allowNull: true },
      closed_at: { type: DataTypes.DATE, allowNull: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('bookings', ['hall_id', 'date']);
  await qi.addIndex('bookings', ['user_id']);
  await qi.addIndex('bookings', ['partner_user_id']);
  await qi.addIndex('bookings', ['status', 'invite_expires_at']);

  await qi.createTable(
    'booking_holds',
    {
      id,
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      booking_id: { type: DataTypes.INTEGER, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('booking_holds', ['user_id', 'service_code'], { unique: true, name: 'booking_holds_one_active' });
  await qi.addIndex('booking_holds', ['booking_id']);

  await qi.createTable(
    'divorce_cases',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      first_booking_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
      party_a: { type: DataTypes.INTEGER, allowNull: false },
      party_b: { type: DataTypes.INTEGER, allowNull: false },
      applied_on: { type: DataTypes.CHAR(10), allowNull: false },
      cooling_off_ends_on: { type: DataTypes.CHAR(10), allowNull: false },
      second_visit_from: { type: DataTypes.CHAR(10), allowNull: false },
      second_visit_until: { type: DataTypes.CHAR(10), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('divorce_cases', ['status']);

  await qi.createTable(
    'rush_days',
    {
      id,
      hall_id: { type: DataTypes.INTEGER, allowNull: false },
      service_code: { type: DataTypes.STRING(40), allowNull: false },
      date: { type: DataTypes.CHAR(10), allowNull: false },
      entry_deadline: { type: DataTypes.DATE, allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false },
      seed: { type: DataTypes.STRING(64), allowNull: true },
      drawn_at: { type: DataTypes.DATE, allowNull: true },
      ...stamps,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('rush_days', ['hall_id', 'service_code', 'date'], { unique: true, name: 'rush_days_key' });

  await qi.createTable(
    'rush_entries',
    {
      id,
      rush_day_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      result: { type: DataTypes.STRING(10), allowNull: true },
      booking_id: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('rush_entries', ['rush_day_id', 'user_id'], { unique: true, name: 'rush_entries_once' });
};
