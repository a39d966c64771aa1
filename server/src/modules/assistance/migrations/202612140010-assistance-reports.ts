import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * 监督举报: a real-named citizen reports a suspected irregularity in a case or a 公示 (who, what,
 * evidence uploaded as materials); staff of the division record the handling. The reporter's
 * name is encrypted. Evidence materials point at their report.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'assistance_reports',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      number: { type: DataTypes.STRING(24), allowNull: false, unique: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      reporter_name_enc: { type: DataTypes.TEXT, allowNull: false },
      case_id: { type: DataTypes.INTEGER, allowNull: true },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      subject: { type: DataTypes.STRING(100), allowNull: false },
      content: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false },
      result: { type: DataTypes.TEXT, allowNull: true },
      handled_by: { type: DataTypes.INTEGER, allowNull: true },
      handled_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_reports', ['user_id'], { name: 'assistance_reports_reporter' });
  await qi.addIndex('assistance_reports', ['division_code', 'status'], { name: 'assistance_reports_scope' });
  await qi.addColumn('assistance_materials', 'report_id', { type: DataTypes.INTEGER, allowNull: true });
};
