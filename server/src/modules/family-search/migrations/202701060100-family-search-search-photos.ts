import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * `family_search_search_photos`: the photo a family adds to its search, re-encoded (no EXIF); one per
 * search, shown only to that family and to station staff of the divisions where the person was last seen.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'family_search_search_photos',
    {
      search_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: { type: DataTypes.STRING(16), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
};
