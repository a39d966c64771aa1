import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/**
 * Telling a community's followers (a 居务公开 notice, a 换届 stage) is a job, not part of the
 * request: one row per thing to tell, written in the publishing transaction, with the last
 * follow row (`community_follows.id`) told so far. The job tells the next page of followers and
 * moves `told_up_to` in the same transaction as their notices, so a job that runs again tells
 * nobody twice.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'community_tellings',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      /** JSON: the community notice template's data ({ community, category, title }). */
      data: { type: DataTypes.TEXT, allowNull: false },
      link: { type: DataTypes.STRING(255), allowNull: false },
      told_up_to: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      told: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      done: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('community_tellings', ['done'], { name: 'community_telling_done' });
};
