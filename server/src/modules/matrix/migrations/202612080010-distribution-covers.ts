import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// WeChat wants a cover on every draft (thumb_media_id, a permanent image of THAT member
// account): each distribution keeps its cover image, and each delivery the media_id the cover
// got on its member, so a retry reuses it instead of uploading again.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'matrix_distribution_covers',
    {
      distribution_id: { type: DataTypes.INTEGER, primaryKey: true },
      // upload (the editor's), source (the aggregated article's cover) or default (shipped).
      origin: { type: DataTypes.STRING(16), allowNull: false },
      mime: { type: DataTypes.STRING(32), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addColumn('matrix_deliveries', 'thumb_media_id', { type: DataTypes.STRING(128), allowNull: true });
};
