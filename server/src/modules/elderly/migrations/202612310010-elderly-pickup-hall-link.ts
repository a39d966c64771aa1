import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/**
 * 养老服务, third part: a meal order remembers when (and by which staff account) its pickup code
 * was used — one use —, and a family link remembers the staff account that confirmed it at a
 * hall's window for an elder without a phone (null: the elder confirmed in their own app).
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('elderly_meal_orders', 'picked_up_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('elderly_meal_orders', 'picked_up_by', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('elderly_family_links', 'confirmed_by_staff', { type: DataTypes.INTEGER, allowNull: true });
};
