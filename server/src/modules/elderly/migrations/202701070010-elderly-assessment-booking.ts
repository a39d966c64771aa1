import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

/**
 * 能力评估 is booked through the bookings module: an assessment remembers its booking (its
 * slot_id is then the booking's slot). Assessments booked before keep their own slot, and null.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.addColumn('elderly_assessments', 'booking_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addIndex('elderly_assessments', ['booking_id'], { name: 'elderly_assessments_booking' });
};
