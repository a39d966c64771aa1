import { Op, type Transaction } from 'sequelize';
import { conflict, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { SERVICE_CODES } from '../catalogue';
import { addDays, periodEnd } from '../../platform/clock';
import type { BookingDeps } from './deps';
import { bookingTimeOf, insertBooking } from './record';
import type { Names } from './names';
import { bookingLink } from './notice-data';
import type { BookingRow, CaseRow } from './models';
import { COOLING_OFF_DAYS, SECOND_VISIT_DAYS } from './rules';
import { toCaseView } from './views';
import { slotFullError } from './errors';
import { pageLink } from '@minzheng/contracts';

/**
 * Divorce by agreement (民法典 art. 1077): the application starts a 30-day cooling-off counted
 * from the next day; a last day that is not a working day moves to the next working day.
 * Then both come back to the same office within 30 days, or the application lapses.
 */
export function coolingOff(appliedOn: string) {
  const coolingOffEndsOn = periodEnd(appliedOn, COOLING_OFF_DAYS);
  return {
    appliedOn,
    coolingOffEndsOn,
    secondVisitFrom: addDays(coolingOffEndsOn, 1),
    secondVisitUntil: periodEnd(coolingOffEndsOn, SECOND_VISIT_DAYS),
  };
}

export function makeDivorce(deps: BookingDeps) {
  const { p, models, slots } = deps;
  const { Case } = models;
  const caseData = (c: CaseRow, hall: string, extra: Record<string, string> = {}) => ({
    hall,
    appliedOn: c.applied_on,
    coolingOffEndsOn: c.cooling_off_ends_on,
    secondFrom: c.second_visit_from,
    secondUntil: c.second_visit_until,
    ...extra,
  });
  const parties = (c: CaseRow) => [c.party_a, c.party_b];
  const link = pageLink('myBookings');

  async function myCase(userId: number, id: number) {
    const c = await Case.findOne({ where: { id, [Op.or]: [{ party_a: userId }, { party_b: userId }] } });
    if (!c) throw notFound('未找到该离婚登记申请');
    return c.get({ plain: true }) as CaseRow;
  }

  return {
    /** Called inside the completion transaction of any booking. */
    async onVisitCompleted(b: BookingRow, names: Names, t: Transaction) {
      if (b.service_code !== SERVICE_CODES.divorce) return null;
      if (b.visit === 2 && b.divorce_case_id) {
        await Case.update({ status: 'completed' }, { where: { id: b.divorce_case_id }, transaction: t });
        return null;
      }
      if (b.partner_user_id === null) return null;
      const dates = coolingOff(p.clock.today());
      const c = await Case.create(
        {
          hall_id: b.hall_id,
          first_booking_id: b.id,
          party_a: b.user_id,
          party_b: b.partner_user_id,
          applied_on: dates.appliedOn,
          cooling_off_ends_on: dates.coolingOffEndsOn,
          second_visit_from: dates.secondVisitFrom,
          second_visit_until: dates.secondVisitUntil,
          status: 'cooling_off',
        },
        { transaction: t },
      );
      const row = c.get({ plain: true }) as CaseRow;
      for (const userId of parties(row))
        await deps.notices.notify({ userId }, 'divorce.cooling_off', caseData(row, names.hall), link, {
          transaction: t,
        });
      return toCaseView(row, names.hall);
    },

    async mine(userId: number) {
      const rows = await Case.findAll({
        where: { [Op.or]: [{ party_a: userId }, { party_b: userId }] },
        order: [['id', 'DESC']],
      });
      return {
        items: await Promise.all(
          rows.map(async (r) => toCaseView(r.get({ plain: true }) as CaseRow, (await deps.names.hall(r.hall_id)).name)),
        ),
      };
    },

    /** Either party may withdraw during the cooling-off. */
    async withdraw(userId: number, id: number) {
      const c = await myCase(userId, id);
      if (c.status !== 'cooling_off') throw conflict('NOT_WITHDRAWABLE', '只能在冷静期内撤回离婚登记申请');
      const hall = (await deps.names.hall(c.hall_id)).name;
      await p.db.transaction(async (t) => {
        const [n] = await Case.update(
          { status: 'withdrawn' },
          { where: { id, status: 'cooling_off' }, transaction: t },
        );
        if (n !== 1) return;
        for (const who of parties(c))
          await deps.notices.notify(
            { userId: who },
            'divorce.withdrawn',
            caseData(c, hall, { by: who === userId ? '您' : '另一方' }),
            link,
            { transaction: t },
          );
      });
      return { divorceCase: toCaseView({ ...c, status: 'withdrawn' }, hall) };
    },

    /** The second visit, at the same office, inside the 30-day window; both parties hold it. */
    async bookSecondVisit(userId: number, ip: string, input: { caseId: number; date: string; period: string }) {
      await enforceRateLimit(
        p.cache,
        `book:user:${userId}`,
        p.config.rateLimits.bookingPerUser,
        60_000,
        '预约操作过于频繁，请稍后再试',
      );
      await enforceRateLimit(
        p.cache,
        `book:ip:${ip}`,
        p.config.rateLimits.bookingPerIp,
        60_000,
        '预约操作过于频繁，请稍后再试',
      );
      const c = await myCase(userId, input.caseId);
      if (c.status === 'cooling_off')
        throw conflict('COOLING_OFF', `冷静期至${c.cooling_off_ends_on}届满，届满后才能预约第二次到场`);
      if (c.status !== 'open') throw conflict('CASE_NOT_OPEN', '该离婚登记申请当前不能预约第二次到场');
      if (input.date < c.second_visit_from || input.date > c.second_visit_until) {
        throw conflict('OUTSIDE_SECOND_VISIT', `请在${c.second_visit_from}至${c.second_visit_until}之间预约`);
      }
      const config = await slots.requireConfig(c.hall_id, SERVICE_CODES.divorce);
      const slot = await slots.bookable(config, input.date, input.period);
      if (slot.booked >= slot.capacity) throw slotFullError();
      const other = c.party_a === userId ? c.party_b : c.party_a;
      const names = await deps.names.of({ hall_id: c.hall_id, service_code: SERVICE_CODES.divorce });
      const booking = await p.db.transaction(async (t) => {
        const [n] = await Case.update({ status: 'booked' }, { where: { id: c.id, status: 'open' }, transaction: t });
        if (n !== 1) throw conflict('CASE_NOT_OPEN', '该离婚登记申请当前不能预约第二次到场');
        await slots.take(slot.id, t);
        const row = await insertBooking(
          deps,
          t,
          {
            ...bookingTimeOf(slot),
            user_id: userId,
            partner_user_id: other,
            status: 'confirmed',
            visit: 2,
            divorce_case_id: c.id,
            consent_notices: true,
          },
          [userId, other],
        );
        await deps.stats.record.booking(t, c.hall_id, 'made');
        const data = {
          hall: names.hall,
          service: `${names.service}（第二次到场）`,
          address: names.address,
          materials: names.materials,
          date: row.date,
          time: `${row.start_time}-${row.end_time}`,
          code: row.code,
        };
        for (const who of [userId, other])
          await deps.notices.notify({ userId: who }, 'booking.confirmed', data, bookingLink(row.code), {
            transaction: t,
          });
        return row;
      });
      return booking;
    },

    /** A cancelled second-visit booking gives the couple their window back. */
    async onSecondVisitClosed(b: BookingRow, t: Transaction) {
      if (b.visit === 2 && b.divorce_case_id)
        await Case.update({ status: 'open' }, { where: { id: b.divorce_case_id, status: 'booked' }, transaction: t });
    },

    /** Job: open the second visit after the cooling-off; lapse what was not finished in time. */
    async advance(): Promise<{ opened: number; lapsed: number }> {
      const today = p.clock.today();
      let opened = 0;
      let lapsed = 0;
      for (const row of await Case.findAll({
        where: { status: 'cooling_off', cooling_off_ends_on: { [Op.lt]: today } },
        limit: 1000,
      })) {
        const c = row.get({ plain: true }) as CaseRow;
        const hall = (await deps.names.hall(c.hall_id)).name;
        await p.db.transaction(async (t) => {
          const [n] = await Case.update(
            { status: 'open' },
            { where: { id: c.id, status: 'cooling_off' }, transaction: t },
          );
          if (n !== 1) return;
          opened++;
          for (const who of parties(c))
            await deps.notices.notify({ userId: who }, 'divorce.second_visit_open', caseData(c, hall), link, {
              transaction: t,
            });
        });
      }
      for (const row of await Case.findAll({
        where: { status: { [Op.in]: ['cooling_off', 'open', 'booked'] }, second_visit_until: { [Op.lt]: today } },
        limit: 1000,
      })) {
        const c = row.get({ plain: true }) as CaseRow;
        const hall = (await deps.names.hall(c.hall_id)).name;
        await p.db.transaction(async (t) => {
          const [n] = await Case.update(
            { status: 'lapsed' },
            { where: { id: c.id, status: { [Op.in]: ['cooling_off', 'open', 'booked'] } }, transaction: t },
          );
          if (n !== 1) return;
          lapsed++;
          for (const who of parties(c))
            await deps.notices.notify({ userId: who }, 'divorce.lapsed', caseData(c, hall), link, { transaction: t });
        });
      }
      return { opened, lapsed };
    },
  };
}
