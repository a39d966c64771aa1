import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/**
 * A complaint about a help request's service goes into the social-orgs complaint flow; the
 * request keeps the complaint's tracking number so the citizen finds it again (and complains
 * once per request). A course of continuing education is entered once per worker and day.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('social_work_requests', 'complaint_tracking_no', {
    type: DataTypes.STRING(32),
    allowNull: true,
  });
  await qi.addIndex('social_work_training', ['worker_id', 'completed_on', 'course'], {
    unique: true,
    name: 'social_work_training_once',
  });
};
