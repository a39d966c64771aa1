import { DataTypes } from 'sequelize';
import { TABLE_OPTIONS } from '../../../platform/db';
import type { Migration } from '../../../platform/db/migrate';

/**
 * 云祭扫: a memorial page a family creates for a deceased relative (found by a share code),
 * messages from relatives and friends that the family lets through or hides, and flowers — one
 * per person per memorial per day, free, never sold, never ranked.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'funeral_memorials',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(12), allowNull: false, unique: true },
      owner_user_id: { type: DataTypes.INTEGER, allowNull: false },
      deceased_name: { type: DataTypes.STRING(30), allowNull: false },
      born_on: { type: DataTypes.STRING(10), allowNull: true },
      died_on: { type: DataTypes.STRING(10), allowNull: false },
      biography: { type: DataTypes.TEXT, allowNull: true },
      flowers: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_memorials', ['owner_user_id'], { name: 'funeral_memorials_owner' });
  await qi.createTable(
    'funeral_memorial_messages',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      memorial_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      signature: { type: DataTypes.STRING(20), allowNull: false },
      content: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false },
      moderated_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_memorial_messages', ['memorial_id', 'status'], { name: 'funeral_memorial_messages_page' });
  await qi.createTable(
    'funeral_memorial_flowers',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      memorial_id: { type: DataTypes.INTEGER, allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      day: { type: DataTypes.STRING(10), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('funeral_memorial_flowers', ['memorial_id', 'user_id', 'day'], {
    unique: true,
    name: 'funeral_memorial_flowers_once',
  });
};
