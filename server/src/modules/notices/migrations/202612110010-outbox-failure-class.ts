import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

// Beside the free-text reason, why a notice failed: technical (ours or WeChat's service),
// temporary (WeChat could not deliver it this time), permanent (the recipient cannot get it).
// Rows that failed before this column stay without a class.
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('notice_outbox', 'failure_class', { type: DataTypes.STRING(16), allowNull: true });
};
