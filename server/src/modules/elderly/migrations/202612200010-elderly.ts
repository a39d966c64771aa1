import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 养老服务: the directory of places (养老机构, 社区养老服务站, 助餐点) with their fee lists, the
 * 高龄津贴 rules per region (ages and amounts are data), and the subsidy claims that rest on a case.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'elderly_places',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      address: { type: DataTypes.STRING(200), allowNull: false },
      lat: { type: DataTypes.DOUBLE, allowNull: false },
      lng: { type: DataTypes.DOUBLE, allowNull: false },
      phone: { type: DataTypes.STRING(30), allowNull: false },
      hours: { type: DataTypes.STRING(100), allowNull: false },
      beds: { type: DataTypes.INTEGER, allowNull: false },
      vacancies: { type: DataTypes.INTEGER, allowNull: false },
      // ',intact,mild,' — searched with LIKE on both backends.
      care_levels: { type: DataTypes.STRING(80), allowNull: false },
      price_from_cents: { type: DataTypes.INTEGER, allowNull: false },
      stars: { type: DataTypes.INTEGER, allowNull: false },
      intro: { type: DataTypes.TEXT, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      updated_at: { type: DataTypes.DATE, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_places', ['division_code'], { name: 'elderly_places_division' });
  await qi.addIndex('elderly_places', ['lat', 'lng'], { name: 'elderly_places_point' });
  await qi.addIndex('elderly_places', ['name', 'division_code'], { unique: true, name: 'elderly_places_name' });
  await qi.createTable(
    'elderly_fees',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      place_id: { type: DataTypes.INTEGER, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      item: { type: DataTypes.STRING(60), allowNull: false },
      unit: { type: DataTypes.STRING(20), allowNull: false },
      price_cents: { type: DataTypes.INTEGER, allowNull: false },
      note: { type: DataTypes.STRING(200), allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_fees', ['place_id', 'seq'], { name: 'elderly_fees_place' });
  await qi.createTable(
    'elderly_allowance_rules',
    {
      prefix: { type: DataTypes.STRING(12), primaryKey: true },
      // [{ minAge, monthlyCents }] ascending by age.
      tiers: { type: DataTypes.TEXT, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.createTable(
    'elderly_claims',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      // One live 高龄津贴 per person: 'age-allowance:<hash>'; null once the case closes unpaid.
      live_key: { type: DataTypes.STRING(100), allowNull: true },
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      age: { type: DataTypes.INTEGER, allowNull: true },
      care_level: { type: DataTypes.STRING(16), allowNull: true },
      monthly_cents: { type: DataTypes.INTEGER, allowNull: true },
      reason: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('elderly_claims', ['live_key'], { unique: true, name: 'elderly_claims_live' });
  await qi.addIndex('elderly_claims', ['user_id'], { name: 'elderly_claims_user' });
  await qi.addIndex('elderly_claims', ['case_id'], { unique: true, name: 'elderly_claims_case' });
};
