import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// A large register import, worked as a job: the rows as read at upload (JSON), who imports them
// (the officer as signed in, scope included), and where the job stands.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'org_imports',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      staff_id: { type: DataTypes.INTEGER, allowNull: false },
      actor: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      total_rows: { type: DataTypes.INTEGER, allowNull: false },
      checked_rows: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      imported_rows: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      columns: { type: DataTypes.TEXT, allowNull: false },
      rows: { type: DataTypes.TEXT('long'), allowNull: true },
      message: { type: DataTypes.STRING(255), allowNull: true },
      errors: { type: DataTypes.TEXT('long'), allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('org_imports', ['staff_id', 'created_at']);
};
