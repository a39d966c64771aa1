import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/** 监督举报 carry the kind of irregularity reported (reports filed before it read as 其他). */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('assistance_reports', 'category', {
    type: DataTypes.STRING(16),
    allowNull: false,
    defaultValue: 'other',
  });
};
