import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 入户调查 photos: the worker holding a case's survey uploads them one by one (re-encoded, no
 * EXIF); submitting the survey names them and fixes them to it (surveyed_at), after which staff
 * of the case's divisions may view them.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'assistance_survey_photos',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      token: { type: DataTypes.STRING(43), allowNull: false, unique: true },
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      staff_id: { type: DataTypes.INTEGER, allowNull: false },
      mime: { type: DataTypes.STRING(32), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      width: { type: DataTypes.INTEGER, allowNull: false },
      height: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.CHAR(64), allowNull: false },
      data: { type: DataTypes.BLOB('medium'), allowNull: false },
      surveyed_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_survey_photos', ['case_id', 'surveyed_at'], { name: 'assistance_survey_photos_case' });
};
