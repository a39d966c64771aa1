import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/** When a sign-up's day-before reminder went out: set once, by whichever worker gets it first. */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('volunteer_signups', 'reminded_at', { type: DataTypes.DATE, allowNull: true });
};
