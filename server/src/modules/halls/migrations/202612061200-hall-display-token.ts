import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

// The hall's TV display signs in with a token staff set; only its SHA-256 is kept.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('halls', 'display_token_hash', { type: DataTypes.CHAR(64), allowNull: true });
  await qi.addColumn('halls', 'display_token_set_at', { type: DataTypes.DATE, allowNull: true });
};
