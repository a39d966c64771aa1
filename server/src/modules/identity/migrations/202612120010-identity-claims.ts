import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// A real-name claim on an ID number another WeChat account holds: kept for verification
// (encrypted like the users' columns), never bound on the claimant's word.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'identity_claims',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
      name_enc: { type: DataTypes.STRING(255), allowNull: false },
      id_number_enc: { type: DataTypes.STRING(255), allowNull: false },
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('identity_claims', ['id_number_hash']);
};
