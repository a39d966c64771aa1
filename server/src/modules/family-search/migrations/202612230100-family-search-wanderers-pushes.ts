import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 易走失人员 and the region push:
 * - `family_search_wanderers`: a relative prone to wandering, registered by the guardian with consent;
 *   name, ID number and the guardian's phone encrypted (the ID also as a keyed hash to find it), masked copies.
 * - `family_search_wanderer_photos`: the registered photo, re-encoded (no EXIF).
 * - `family_search_wanderer_hits`: a guardian told about a notice (once per person and notice).
 * - `family_search_pushes`: each level of a notice's push to followers (county → city → province),
 *   proposed by the widening job and approved by station staff; one row per notice and level.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const at = { type: DataTypes.DATE, allowNull: false };
  const str = (n: number, allowNull = true) => ({ type: DataTypes.STRING(n), allowNull });
  await qi.createTable(
    'family_search_wanderers',
    {
      id,
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      name_enc: { type: DataTypes.TEXT, allowNull: false },
      name_masked: str(16, false),
      id_enc: { type: DataTypes.TEXT, allowNull: true },
      id_hash: str(64),
      id_masked: str(24),
      sex: str(8, false),
      birth_year: { type: DataTypes.INTEGER, allowNull: false },
      height_cm: { type: DataTypes.INTEGER, allowNull: true },
      accent: str(32),
      ethnicity: str(16),
      features: str(500),
      condition: str(16, false),
      home_division_code: str(12, false),
      home_place: str(200, false),
      guardian_name_enc: { type: DataTypes.TEXT, allowNull: false },
      guardian_name_masked: str(16, false),
      guardian_phone_enc: { type: DataTypes.TEXT, allowNull: false },
      guardian_phone_masked: str(16, false),
      has_photo: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      consent_at: at,
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_wanderers', ['sex', 'birth_year'], { name: 'fs_wanderers_person' });
  await qi.addIndex('family_search_wanderers', ['id_hash'], { name: 'fs_wanderers_id_hash' });
  await qi.addIndex('family_search_wanderers', ['user_id'], { name: 'fs_wanderers_user' });
  await qi.createTable(
    'family_search_wanderer_photos',
    {
      wanderer_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: str(16, false),
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.createTable(
    'family_search_wanderer_hits',
    {
      id,
      wanderer_id: { type: DataTypes.INTEGER, allowNull: false },
      notice_id: { type: DataTypes.INTEGER, allowNull: false },
      score: { type: DataTypes.INTEGER, allowNull: false },
      source: str(12, false),
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_wanderer_hits', ['wanderer_id', 'notice_id'], {
    name: 'fs_wanderer_hits_once',
    unique: true,
  });
  await qi.createTable(
    'family_search_pushes',
    {
      id,
      notice_id: { type: DataTypes.INTEGER, allowNull: false },
      level: str(12, false),
      division_code: str(12, false),
      status: str(12, false),
      recipients: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      proposed_at: at,
      approved_by: { type: DataTypes.INTEGER, allowNull: true },
      approved_at: { type: DataTypes.DATE, allowNull: true },
      sent_at: { type: DataTypes.DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('family_search_pushes', ['notice_id', 'level'], { name: 'fs_pushes_once', unique: true });
  await qi.addIndex('family_search_pushes', ['status'], { name: 'fs_pushes_status' });
};
