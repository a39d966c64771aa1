import { DataTypes } from 'sequelize';
import type { Migration } from '../db/migrate';
import { TABLE_OPTIONS } from '../db';

export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'audit_logs',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      actor_type: { type: DataTypes.STRING(16), allowNull: false },
      actor_id: { type: DataTypes.STRING(64), allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      target_type: { type: DataTypes.STRING(32), allowNull: true },
      target_id: { type: DataTypes.STRING(64), allowNull: true },
      detail: { type: DataTypes.TEXT, allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      request_id: { type: DataTypes.STRING(64), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('audit_logs', ['target_type', 'target_id']);
  await qi.addIndex('audit_logs', ['actor_type', 'actor_id', 'created_at']);
};
