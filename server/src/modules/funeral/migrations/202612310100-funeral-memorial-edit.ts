import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 云祭扫, the family keeps their page: a photo of the deceased (its bytes in a table of their own,
 * so reading a page never reads them; `photo_version` names the current one) and withdrawal
 * (`withdrawn_at`: the share code then answers 「已撤下」, nothing of the page is shown).
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('funeral_memorials', 'photo_version', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
  await qi.addColumn('funeral_memorials', 'withdrawn_at', { type: DataTypes.DATE, allowNull: true });
  await qi.createTable(
    'funeral_memorial_photos',
    {
      memorial_id: { type: DataTypes.INTEGER, primaryKey: true },
      mime: { type: DataTypes.STRING(20), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
};
