import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';

/** Members of volunteer organizations: a volunteer applies to join, the organization decides. */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'volunteer_org_members',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      org_id: { type: DataTypes.INTEGER, allowNull: false },
      volunteer_id: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(200), allowNull: true },
      reason: { type: DataTypes.STRING(200), allowNull: true },
      decided_by: { type: DataTypes.INTEGER, allowNull: true },
      decided_at: { type: DataTypes.DATE, allowNull: true },
      applied_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('volunteer_org_members', ['org_id', 'volunteer_id'], {
    unique: true,
    name: 'volunteer_org_member',
  });
  await qi.addIndex('volunteer_org_members', ['volunteer_id'], { name: 'volunteer_org_members_volunteer' });
};
