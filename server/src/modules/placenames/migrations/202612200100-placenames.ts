import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 地名 (standard place names) and what is published about them:
 * - `place_names`: one standard name each, with its romanization, category (GB/T 18521), division,
 *   location, 含义, 历史沿革, approval. Searched by prefix of the name, of its pinyin (letters only,
 *   `pinyin_key`) or of its initials, each an index range, never a scan.
 * - `place_name_announcements`: 地名备案公告 (命名、更名、销名), with the fields the 2023 办法 requires.
 * - `place_name_follows`: citizens following a region (a division prefix) to be told of its announcements.
 * - `open_api_keys`: third parties' keys for the open API, stored as a keyed hash.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
  const at = { type: DataTypes.DATE, allowNull: false };
  await qi.createTable(
    'place_names',
    {
      id,
      name: { type: DataTypes.STRING(64), allowNull: false },
      pinyin: { type: DataTypes.STRING(255), allowNull: false },
      pinyin_key: { type: DataTypes.STRING(191), allowNull: false },
      initials: { type: DataTypes.STRING(64), allowNull: false },
      category: { type: DataTypes.STRING(20), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      location: { type: DataTypes.STRING(500), allowNull: false },
      lng: { type: DataTypes.DOUBLE, allowNull: true },
      lat: { type: DataTypes.DOUBLE, allowNull: true },
      meaning: { type: DataTypes.TEXT, allowNull: false },
      history: { type: DataTypes.TEXT, allowNull: false },
      approval_body: { type: DataTypes.STRING(100), allowNull: false },
      approval_date: { type: DataTypes.STRING(10), allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'current' },
      former_name: { type: DataTypes.STRING(64), allowNull: true },
      created_at: at,
      updated_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('place_names', ['name'], { name: 'place_names_name' });
  await qi.addIndex('place_names', ['pinyin_key'], { name: 'place_names_pinyin_key' });
  await qi.addIndex('place_names', ['initials'], { name: 'place_names_initials' });
  await qi.addIndex('place_names', ['division_code'], { name: 'place_names_division' });
  await qi.addIndex('place_names', ['category', 'division_code'], { name: 'place_names_category_division' });

  await qi.createTable(
    'place_name_announcements',
    {
      id,
      action: { type: DataTypes.STRING(12), allowNull: false },
      place_name_id: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      pinyin: { type: DataTypes.STRING(255), allowNull: false },
      former_name: { type: DataTypes.STRING(64), allowNull: true },
      category: { type: DataTypes.STRING(20), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      location: { type: DataTypes.STRING(500), allowNull: false },
      approval_body: { type: DataTypes.STRING(100), allowNull: false },
      approval_date: { type: DataTypes.STRING(10), allowNull: false },
      published_by: { type: DataTypes.INTEGER, allowNull: false },
      published_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('place_name_announcements', ['division_code', 'id'], { name: 'place_name_ann_division' });
  await qi.addIndex('place_name_announcements', ['place_name_id'], { name: 'place_name_ann_place' });

  await qi.createTable(
    'place_name_follows',
    {
      id,
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      prefix: { type: DataTypes.STRING(12), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      created_at: at,
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('place_name_follows', ['user_id', 'prefix'], { name: 'place_name_follows_user', unique: true });
  await qi.addIndex('place_name_follows', ['prefix'], { name: 'place_name_follows_prefix' });

  await qi.createTable(
    'open_api_keys',
    {
      id,
      holder: { type: DataTypes.STRING(100), allowNull: false },
      key_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      key_prefix: { type: DataTypes.STRING(12), allowNull: false },
      per_minute: { type: DataTypes.INTEGER, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: false },
      created_at: at,
      revoked_at: { type: DataTypes.DATE, allowNull: true },
    },
    TABLE_OPTIONS,
  );
};
