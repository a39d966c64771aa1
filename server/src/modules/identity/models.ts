import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface UserRow {
  id: number;
  openid: string;
  unionid: string | null;
  name_enc: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  real_named_at: Date | null;
  phone_bound_at: Date | null;
}
export type UserModel = Model<UserRow, Partial<UserRow>> & UserRow;

/** A claim on an ID number another account holds, waiting for verification. */
export interface IdentityClaimRow {
  id: number;
  user_id: number;
  name_enc: string;
  id_number_enc: string;
  id_number_hash: string;
  status: 'pending';
}
export type IdentityClaimModel = Model<IdentityClaimRow, Partial<IdentityClaimRow>> & IdentityClaimRow;

export function defineIdentityModels(db: Sequelize) {
  const User = db.define<UserModel>(
    'User',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      openid: DataTypes.STRING,
      unionid: DataTypes.STRING,
      name_enc: DataTypes.STRING,
      id_number_enc: DataTypes.STRING,
      id_number_hash: DataTypes.STRING,
      phone_enc: DataTypes.STRING,
      phone_hash: DataTypes.STRING,
      real_named_at: DataTypes.DATE,
      phone_bound_at: DataTypes.DATE,
    },
    { tableName: 'users', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  const IdentityClaim = db.define<IdentityClaimModel>(
    'IdentityClaim',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      user_id: DataTypes.INTEGER,
      name_enc: DataTypes.STRING,
      id_number_enc: DataTypes.STRING,
      id_number_hash: DataTypes.STRING,
      status: DataTypes.STRING,
    },
    {
      tableName: 'identity_claims',
      underscored: true,
      timestamps: true,
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  );
  return { User: User as ModelStatic<UserModel>, IdentityClaim: IdentityClaim as ModelStatic<IdentityClaimModel> };
}
