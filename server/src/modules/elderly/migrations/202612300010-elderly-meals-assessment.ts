import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 养老服务, second part: family links (an elder confirms who may act for them), 助餐 menus and
 * orders with the regions' meal-subsidy rules, and 能力评估 slots and bookings (each booking rests
 * on a case of the engine; the level staff record lives here).
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const { INTEGER, STRING, DATE, CHAR } = DataTypes;
  const id = { type: INTEGER, primaryKey: true, autoIncrement: true };
  await qi.createTable(
    'elderly_family_links',
    {
      id,
      requester_user_id: { type: INTEGER, allowNull: false },
      elder_hash: { type: CHAR(64), allowNull: false },
      elder_id_enc: { type: STRING(255), allowNull: false },
      elder_name_enc: { type: STRING(255), allowNull: false },
      relation: { type: STRING(16), allowNull: false },
      status: { type: STRING(16), allowNull: false },
      created_at: { type: DATE, allowNull: false },
      confirmed_at: { type: DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_family_links', ['requester_user_id', 'elder_hash'], {
    unique: true,
    name: 'elderly_family_links_pair',
  });
  await qi.addIndex('elderly_family_links', ['elder_hash'], { name: 'elderly_family_links_elder' });
  await qi.createTable(
    'elderly_meal_rules',
    {
      prefix: { type: STRING(12), primaryKey: true },
      min_age: { type: INTEGER, allowNull: false },
      per_meal_cents: { type: INTEGER, allowNull: false },
      // For a diner whose recorded 能力评估 level is 中度失能 or worse.
      assessed_per_meal_cents: { type: INTEGER, allowNull: false },
      updated_at: { type: DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.createTable(
    'elderly_meal_menus',
    {
      id,
      place_id: { type: INTEGER, allowNull: false },
      day: { type: STRING(10), allowNull: false },
      slot: { type: STRING(16), allowNull: false },
      dishes: { type: STRING(300), allowNull: false },
      price_cents: { type: INTEGER, allowNull: false },
      portions: { type: INTEGER, allowNull: false },
      ordered: { type: INTEGER, allowNull: false, defaultValue: 0 },
      cutoff_at: { type: DATE, allowNull: false },
      updated_at: { type: DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_meal_menus', ['place_id', 'day', 'slot'], {
    unique: true,
    name: 'elderly_meal_menus_day',
  });
  await qi.createTable(
    'elderly_meal_orders',
    {
      id,
      menu_id: { type: INTEGER, allowNull: false },
      place_id: { type: INTEGER, allowNull: false },
      day: { type: STRING(10), allowNull: false },
      orderer_user_id: { type: INTEGER, allowNull: false },
      link_id: { type: INTEGER, allowNull: true },
      diner_hash: { type: CHAR(64), allowNull: false },
      diner_name_enc: { type: STRING(255), allowNull: false },
      price_cents: { type: INTEGER, allowNull: false },
      subsidy_cents: { type: INTEGER, allowNull: false },
      pay_cents: { type: INTEGER, allowNull: false },
      status: { type: STRING(16), allowNull: false },
      // 'menu:<id>:<diner hash>' while ordered: one order per diner per meal; null once cancelled.
      live_key: { type: STRING(100), allowNull: true },
      created_at: { type: DATE, allowNull: false },
      cancelled_at: { type: DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_meal_orders', ['live_key'], { unique: true, name: 'elderly_meal_orders_live' });
  await qi.addIndex('elderly_meal_orders', ['place_id', 'day'], { name: 'elderly_meal_orders_place_day' });
  await qi.addIndex('elderly_meal_orders', ['orderer_user_id'], { name: 'elderly_meal_orders_orderer' });
  await qi.addIndex('elderly_meal_orders', ['diner_hash'], { name: 'elderly_meal_orders_diner' });
  await qi.createTable(
    'elderly_assessment_slots',
    {
      id,
      place_id: { type: INTEGER, allowNull: false },
      day: { type: STRING(10), allowNull: false },
      period: { type: STRING(4), allowNull: false },
      capacity: { type: INTEGER, allowNull: false },
      booked: { type: INTEGER, allowNull: false, defaultValue: 0 },
      updated_at: { type: DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_assessment_slots', ['place_id', 'day', 'period'], {
    unique: true,
    name: 'elderly_assessment_slots_day',
  });
  await qi.createTable(
    'elderly_assessments',
    {
      id,
      case_id: { type: INTEGER, allowNull: false },
      slot_id: { type: INTEGER, allowNull: false },
      booker_user_id: { type: INTEGER, allowNull: false },
      link_id: { type: INTEGER, allowNull: true },
      subject_hash: { type: CHAR(64), allowNull: false },
      subject_name_enc: { type: STRING(255), allowNull: false },
      // 'assessment:<subject hash>' while booked or confirmed: one at a time; null once it ends.
      live_key: { type: STRING(100), allowNull: true },
      level: { type: STRING(16), allowNull: true },
      assessed_at: { type: DATE, allowNull: true },
      created_at: { type: DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_assessments', ['case_id'], { unique: true, name: 'elderly_assessments_case' });
  await qi.addIndex('elderly_assessments', ['live_key'], { unique: true, name: 'elderly_assessments_live' });
  await qi.addIndex('elderly_assessments', ['subject_hash'], { name: 'elderly_assessments_subject' });
  await qi.addIndex('elderly_assessments', ['booker_user_id'], { name: 'elderly_assessments_booker' });
};
