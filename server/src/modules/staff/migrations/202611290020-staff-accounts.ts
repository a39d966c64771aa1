import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'staff_accounts',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      display_name: { type: DataTypes.STRING(64), allowNull: false },
      password_hash: { type: DataTypes.STRING(255), allowNull: false },
      roles: { type: DataTypes.STRING(255), allowNull: false },
      scope_divisions: { type: DataTypes.STRING(1024), allowNull: false },
      scope_halls: { type: DataTypes.STRING(1024), allowNull: false },
      failed_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      locked_until: { type: DataTypes.DATE, allowNull: true },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
};
