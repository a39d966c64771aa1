import { Op } from 'sequelize';
import type { BookingModels } from './index';
import { ACTIVE } from './models';

/**
 * What a citizen still has open here that the hall desk will check against their ID card: bookings
 * not yet over (as the booker or the second party), divorce cases under way, rush-day entries not
 * drawn yet. Their real name must not change meanwhile (identity asks through this).
 */
export function makeBookingDependents({ Booking, Case, RushEntry, RushDay }: BookingModels) {
  return async function bookingDependents(userId: number): Promise<string[]> {
    const [bookings, cases, entries] = await Promise.all([
      Booking.count({
        where: { status: ACTIVE, [Op.or]: [{ user_id: userId }, { partner_user_id: userId }] },
      }),
      Case.count({
        where: { status: ['cooling_off', 'open', 'booked'], [Op.or]: [{ party_a: userId }, { party_b: userId }] },
      }),
      RushEntry.findAll({ where: { user_id: userId, result: null }, attributes: ['rush_day_id'] }).then((rows) =>
        rows.length === 0
          ? 0
          : RushDay.count({ where: { id: rows.map((r) => r.rush_day_id), status: ['open', 'drawing'] } }),
      ),
    ]);
    return [
      bookings > 0 ? `${bookings}个未结束的预约` : '',
      cases > 0 ? `${cases}件办理中的离婚登记` : '',
      entries > 0 ? `${entries}个待抽签的预约登记` : '',
    ].filter(Boolean);
  };
}
