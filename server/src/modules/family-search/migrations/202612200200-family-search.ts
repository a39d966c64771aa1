import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 救助寻亲:
 * - `family_search_notices`: 寻亲公告 of persons in a station's care (the 寻亲网 fields), with status.
 * - `family_search_photos`: the notice's photo, re-encoded (no EXIF); deleted on reunion.
 * - `family_search_searches`: what a family registered (the same attributes, last seen where and when).
 * - `family_search_matches`: a notice a search was told about (once each).
 * - `family_search_leads`: leads from the public, with the real name (encrypted).
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const at = { type: DataTypes.DATE, allowNull: false };
  const str = (n: number, allowNull = true) => ({ type: DataTypes.STRING(n), allowNull });
  const person = {
    sex: str(8, false),
    age_min: { type: DataTypes.INTEGER, allowNull: false },
    age_max: { type: DataTypes.INTEGER, allowNull: false },
    height_cm: { type: DataTypes.INTEGER, allowNull: true },
    build: str(12),
    accent: str(32),
    ethnicity: str(16),
    features: str(500),
    clothing: str(500),
  };
  await qi.createTable(
    'family_search_notices',
    {
      id,
      station_division_code: str(12, false),
      station_name: str(100, false),
      station_contact: str(100, false),
      ...person,
      health: str(200),
      mental_state: str(200),
      found_date: str(10, false),
      found_division_code: str(12, false),
      found_place: str(200, false),
      found_lat: { type: DataTypes.DOUBLE, allowNull: true },
      found_lng: { type: DataTypes.DOUBLE, allowNull: true },
      has_photo: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      status: str(12, false),
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_notices', ['status', 'sex', 'found_date'], { name: 'fs_notices_public' });
  await qi.addIndex('family_search_notices', ['found_division_code'], { name: 'fs_notices_found_division' });
  await qi.createTable(
    'family_search_photos',
    {
      notice_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: str(16, false),
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.createTable(
    'family_search_searches',
    {
      id,
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      ...person,
      last_seen_date: str(10, false),
      last_seen_division_code: str(12, false),
      last_seen_place: str(200, false),
      last_seen_lat: { type: DataTypes.DOUBLE, allowNull: true },
      last_seen_lng: { type: DataTypes.DOUBLE, allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_searches', ['active', 'sex'], { name: 'fs_searches_active' });
  await qi.addIndex('family_search_searches', ['user_id'], { name: 'fs_searches_user' });
  await qi.createTable(
    'family_search_matches',
    {
      id,
      search_id: { type: DataTypes.INTEGER, allowNull: false },
      notice_id: { type: DataTypes.INTEGER, allowNull: false },
      score: { type: DataTypes.INTEGER, allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_matches', ['search_id', 'notice_id'], { name: 'fs_matches_pair', unique: true });
  await qi.createTable(
    'family_search_leads',
    {
      id,
      notice_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      name_enc: { type: DataTypes.TEXT, allowNull: false },
      name_masked: str(16, false),
      content: str(1000, false),
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_leads', ['notice_id'], { name: 'fs_leads_notice' });
};
