import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// Personal fields are stored only as AES-GCM ciphertext (*_enc) plus a keyed hash for
// lookups (*_hash). There is no plaintext column to leak.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'users',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      openid: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      unionid: { type: DataTypes.STRING(64), allowNull: true },
      name_enc: { type: DataTypes.STRING(255), allowNull: true },
      id_number_enc: { type: DataTypes.STRING(255), allowNull: true },
      id_number_hash: { type: DataTypes.CHAR(64), allowNull: true, unique: true },
      phone_enc: { type: DataTypes.STRING(255), allowNull: true },
      phone_hash: { type: DataTypes.CHAR(64), allowNull: true },
      real_named_at: { type: DataTypes.DATE, allowNull: true },
      phone_bound_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('users', ['unionid']);
  await qi.addIndex('users', ['phone_hash']);
};
