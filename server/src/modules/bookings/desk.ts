import { Op } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { beijingTimeText } from '../../platform/clock';
import { writeXlsx } from '../../platform/exports';
import { maskIdNumber, maskName } from '../identity';
import type { BookingDeps } from './deps';
import { bookingLink, noticeData } from './notice-data';
import type { BookingRow, ConfigRow, Period } from './models';
import { DEFAULT_CONFIG, DEFAULT_PERIODS, noShowRuleText } from './rules';
import { CHECK_IN_PREFIX } from './views';
import type { makeDivorce } from './divorce';
import { BOOKING_STATUS_LABELS, type DeskBookingView } from '@minzheng/contracts';

export interface ConfigInput {
  periods?: Period[];
  openDaysAhead?: number;
  cutoffMinutes?: number;
  cancelMinutes?: number;
  noShowLimit?: number;
  noShowWindowDays?: number;
  noShowBanDays?: number;
  active?: boolean;
}

/**
 * The hall's desk: the day's list, check-in by code or scanned QR, no-shows, completion, the
 * printable Excel list, and each service's booking settings. Staff act only on their halls
 * (404 elsewhere); every write and every read of citizens' data is audited.
 */
export function makeDesk(deps: BookingDeps, divorce: ReturnType<typeof makeDivorce>) {
  const { p, models, halls, slots } = deps;
  const { Booking, Hold, Config } = models;
  const audit = (staff: StaffPrincipal, action: string, hallId: number, detail: Record<string, unknown>) =>
    p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target: { type: 'hall', id: hallId }, detail });

  async function bookingAt(hallId: number, rawCode: string) {
    const code = rawCode.trim().toUpperCase().replace(CHECK_IN_PREFIX, '');
    const row = await Booking.findOne({ where: { code, hall_id: hallId, ...deps.venues.notVenue() } });
    if (!row) throw notFound('本大厅没有这个预约码');
    return row.get({ plain: true }) as BookingRow;
  }

  async function person(userId: number | null) {
    if (userId === null) return null;
    const r = await deps.identity.realNameOf(userId);
    return r ? { name: maskName(r.name), idNumber: maskIdNumber(r.idNumber) } : null;
  }

  async function dayRows(staff: StaffPrincipal, hallId: number, date: string) {
    await halls.hallInScope(staff, hallId);
    const rows = await Booking.findAll({
      where: { hall_id: hallId, date, ...deps.venues.notVenue() },
      order: [
        ['start_time', 'ASC'],
        ['id', 'ASC'],
      ],
    });
    return Promise.all(
      rows.map(async (r): Promise<DeskBookingView> => {
        const b = r.get({ plain: true }) as BookingRow;
        const n = await deps.names.of(b);
        return {
          code: b.code,
          time: `${b.start_time}-${b.end_time}`,
          serviceCode: b.service_code,
          serviceName: n.service,
          visit: b.visit,
          status: b.status,
          statusText: BOOKING_STATUS_LABELS[b.status],
          booker: await person(b.user_id),
          partner: await person(b.partner_user_id),
          checkedInAt: b.checked_in_at ? new Date(b.checked_in_at).toISOString() : null,
        };
      }),
    );
  }

  return {
    async day(staff: StaffPrincipal, hallId: number, date: string) {
      const items = await dayRows(staff, hallId, date);
      await audit(staff, 'bookings.day_list', hallId, { date, count: items.length });
      return { date, items };
    },

    async exportDay(staff: StaffPrincipal, hallId: number, date: string): Promise<Buffer> {
      const items = await dayRows(staff, hallId, date);
      const hall = await halls.hallInScope(staff, hallId);
      const file = await writeXlsx([
        {
          name: date,
          title: `${hall.name} ${date} 预约名单`,
          header: ['时段', '预约码', '事项', '预约人', '证件号', '另一方', '证件号', '状态', '签到时间'],
          rows: items.map((i) => [
            i.time,
            i.code,
            `${i.serviceName}${i.visit === 2 ? '（第二次到场）' : ''}`,
            i.booker?.name ?? '',
            i.booker?.idNumber ?? '',
            i.partner?.name ?? '',
            i.partner?.idNumber ?? '',
            i.statusText,
            i.checkedInAt ? beijingTimeText(i.checkedInAt) : '',
          ]),
          widths: [14, 12, 24, 10, 22, 10, 22, 10, 12],
        },
      ]);
      await audit(staff, 'bookings.export', hallId, { date, count: items.length });
      return file;
    },

    async checkIn(staff: StaffPrincipal, hallId: number, rawCode: string) {
      await halls.hallInScope(staff, hallId);
      const b = await bookingAt(hallId, rawCode);
      if (b.date !== p.clock.today()) throw conflict('NOT_TODAY', `该预约的日期是 ${b.date}，不是今天`);
      if (b.status === 'checked_in') throw conflict('ALREADY_CHECKED_IN', '该预约已签到');
      if (b.status === 'awaiting_partner') throw conflict('PARTNER_NOT_CONFIRMED', '另一方尚未确认，该预约无效');
      if (b.status !== 'confirmed')
        throw conflict('NOT_CHECKABLE', `该预约${BOOKING_STATUS_LABELS[b.status]}，不能签到`);
      const [n] = await Booking.update(
        { status: 'checked_in', checked_in_at: p.clock.date() },
        { where: { id: b.id, status: 'confirmed' } },
      );
      if (n !== 1) throw conflict('ALREADY_CHECKED_IN', '该预约已签到');
      // Booked citizens go to the front of their service's queue.
      const ticket = await deps.queue.issueForBooking({
        hallId,
        serviceCode: b.service_code,
        userId: b.user_id,
        bookingId: b.id,
      });
      const names = await deps.names.of(b);
      await deps.notices.notify(
        { userId: b.user_id },
        'booking.checked_in',
        noticeData(names, b, { ticket: ticket.label }),
        bookingLink(b.code),
      );
      await audit(staff, 'bookings.check_in', hallId, { code: b.code });
      return {
        code: b.code,
        status: 'checked_in',
        ticket,
        booker: await person(b.user_id),
        partner: await person(b.partner_user_id),
      };
    },

    async noShow(staff: StaffPrincipal, hallId: number, code: string) {
      await halls.hallInScope(staff, hallId);
      const b = await bookingAt(hallId, code);
      if (b.date > p.clock.today()) throw conflict('NOT_YET', '预约日期未到，不能标记未到场');
      if (b.status !== 'confirmed')
        throw conflict('NOT_CONFIRMED', `该预约${BOOKING_STATUS_LABELS[b.status]}，不能标记未到场`);
      const c = await slots.config(hallId, b.service_code);
      const names = await deps.names.of(b);
      await p.db.transaction(async (t) => {
        const [n] = await Booking.update(
          { status: 'no_show', closed_at: p.clock.date() },
          { where: { id: b.id, status: 'confirmed' }, transaction: t },
        );
        if (n !== 1) return;
        await Hold.destroy({ where: { booking_id: b.id }, transaction: t });
        await deps.stats.record.booking(t, hallId, 'noShow');
        for (const userId of [b.user_id, b.partner_user_id].filter((x): x is number => x !== null)) {
          await deps.notices.notify(
            { userId },
            'booking.no_show',
            noticeData(names, b, { rule: c ? noShowRuleText(c) : '' }),
            bookingLink(b.code),
            { transaction: t },
          );
        }
      });
      await audit(staff, 'bookings.no_show', hallId, { code: b.code });
      return { code: b.code, status: 'no_show' };
    },

    /** The registration was handled. A divorce application (first visit) starts the cooling-off. */
    async complete(staff: StaffPrincipal, hallId: number, code: string) {
      await halls.hallInScope(staff, hallId);
      const b = await bookingAt(hallId, code);
      if (b.status !== 'checked_in') throw conflict('NOT_CHECKED_IN', '请先为该预约签到');
      const names = await deps.names.of(b);
      const result = await p.db.transaction(async (t) => {
        const [n] = await Booking.update(
          { status: 'completed', closed_at: p.clock.date() },
          { where: { id: b.id, status: 'checked_in' }, transaction: t },
        );
        if (n !== 1) throw conflict('NOT_CHECKED_IN', '请先为该预约签到');
        await Hold.destroy({ where: { booking_id: b.id }, transaction: t });
        return divorce.onVisitCompleted(b, names, t);
      });
      await audit(staff, 'bookings.complete', hallId, { code: b.code });
      return { code: b.code, status: 'completed', ...(result ? { divorceCase: result } : {}) };
    },

    async getConfig(staff: StaffPrincipal, hallId: number, serviceCode: string) {
      await halls.hallInScope(staff, hallId);
      const c = await Config.findOne({ where: { hall_id: hallId, service_code: serviceCode } });
      return { config: c ? configView(c) : null };
    },

    async setConfig(staff: StaffPrincipal, hallId: number, serviceCode: string, input: ConfigInput) {
      await halls.hallInScope(staff, hallId);
      if (!(await halls.handles(hallId, serviceCode)))
        throw conflict('SERVICE_NOT_HANDLED', '该大厅没有窗口办理此事项，请先设置窗口');
      const values = {
        ...(input.periods ? { periods: input.periods } : {}),
        ...(input.openDaysAhead !== undefined ? { open_days_ahead: input.openDaysAhead } : {}),
        ...(input.cutoffMinutes !== undefined ? { cutoff_minutes: input.cutoffMinutes } : {}),
        ...(input.cancelMinutes !== undefined ? { cancel_minutes: input.cancelMinutes } : {}),
        ...(input.noShowLimit !== undefined ? { no_show_limit: input.noShowLimit } : {}),
        ...(input.noShowWindowDays !== undefined ? { no_show_window_days: input.noShowWindowDays } : {}),
        ...(input.noShowBanDays !== undefined ? { no_show_ban_days: input.noShowBanDays } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      };
      let c = await Config.findOne({ where: { hall_id: hallId, service_code: serviceCode } });
      if (c) await c.update(values);
      else
        c = await Config.create({
          hall_id: hallId,
          service_code: serviceCode,
          periods: DEFAULT_PERIODS,
          ...DEFAULT_CONFIG,
          active: true,
          ...values,
        });
      // Capacity changes apply to slots not booked beyond the new capacity; made slots keep their times.
      if (input.periods) {
        for (const period of input.periods) {
          await models.Slot.update(
            { capacity: period.capacity },
            {
              where: {
                hall_id: hallId,
                service_code: serviceCode,
                period: period.key,
                date: { [Op.gte]: p.clock.today() },
              },
            },
          );
        }
      }
      slots.forget(hallId);
      await audit(staff, 'bookings.config', hallId, { serviceCode, fields: Object.keys(values) });
      return { config: configView(c) };
    },
  };
}

export const configView = (c: ConfigRow) => ({
  hallId: c.hall_id,
  serviceCode: c.service_code,
  periods: c.periods,
  openDaysAhead: c.open_days_ahead,
  cutoffMinutes: c.cutoff_minutes,
  cancelMinutes: c.cancel_minutes,
  noShowLimit: c.no_show_limit,
  noShowWindowDays: c.no_show_window_days,
  noShowBanDays: c.no_show_ban_days,
  active: c.active,
});
