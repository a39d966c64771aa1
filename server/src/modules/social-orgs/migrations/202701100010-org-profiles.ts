import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

// Each organization's public profile kept as one row (kept-profiles.ts): the answer's JSON
// without its day, the days it holds for, and the revision every change to the record moves
// (a profile built from an older revision is never kept). Filled when first read, retired by
// every change; `seed:orgs` fills the missing ones in bulk.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'org_profiles',
    {
      org_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      rev: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      body: { type: DataTypes.TEXT('medium'), allowNull: true },
      valid_from: { type: DataTypes.STRING(10), allowNull: true },
      valid_until: { type: DataTypes.STRING(10), allowNull: true },
    },
    TABLE_OPTIONS,
  );
};
