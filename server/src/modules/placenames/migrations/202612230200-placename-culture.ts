import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/** 地名文化: articles about a standard name's origin and history, published by place-name officers. */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'place_name_culture',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      place_name_id: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      source: { type: DataTypes.STRING(200), allowNull: true },
      published_by: { type: DataTypes.INTEGER, allowNull: false },
      published_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('place_name_culture', ['place_name_id'], { name: 'place_name_culture_name' });
  await qi.addIndex('place_name_culture', ['published_at'], { name: 'place_name_culture_recent' });
};
