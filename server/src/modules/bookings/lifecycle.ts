import QRCode from 'qrcode';
import { Op } from 'sequelize';
import { AppError, conflict, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { addDays, beijingInstant } from '../../platform/clock';
import { maskName } from '../identity';
import type { BookingDeps } from './deps';
import { isUniqueViolation } from './codes';
import { bookingLink, noticeData } from './notice-data';
import type { BookingRow } from './models';
import { INVITE_HOURS, marriageProblem, TWO_PARTY } from './rules';
import { SERVICE_CODES } from '../catalogue';
import { toBookingView } from './views';
import type { makeDivorce } from './divorce';
import { alreadyBookedError, realNameRequiredError } from './errors';

/** After booking: the other party confirms, either cancels, invitations lapse, citizens look. */
export function makeLifecycle(
  deps: BookingDeps,
  banUntil: (userId: number, c: import('./models').ConfigRow) => Promise<string | null>,
  divorce: ReturnType<typeof makeDivorce>,
) {
  const { p, models, slots } = deps;
  const { Booking, Hold } = models;

  const view = async (b: BookingRow, viewer: number) => {
    const v = toBookingView(b, await deps.names.of(b), viewer);
    // No hall's desk checks in a booking at another module's place: no check-in code to show.
    return deps.venues.of(b.service_code) ? { ...v, checkInPayload: null } : v;
  };

  async function mineByCode(userId: number, code: string) {
    const b = await Booking.findOne({ where: { code, [Op.or]: [{ user_id: userId }, { partner_user_id: userId }] } });
    if (!b) throw notFound('未找到该预约');
    return b.get({ plain: true }) as BookingRow;
  }

  /** Ends an active booking: seat back, holds gone, everyone concerned told — once. */
  async function close(
    b: BookingRow,
    to: 'cancelled' | 'lapsed',
    from: string[],
    notice: { key: string; extra: Record<string, string> },
  ) {
    const names = await deps.names.of(b);
    return p.db.transaction(async (t) => {
      const [n] = await Booking.update(
        { status: to, closed_at: p.clock.date(), invite_code: null },
        { where: { id: b.id, status: { [Op.in]: from } }, transaction: t },
      );
      if (n !== 1) return false;
      await slots.release(b.slot_id, t);
      await Hold.destroy({ where: { booking_id: b.id }, transaction: t });
      await divorce.onSecondVisitClosed(b, t);
      if (to === 'cancelled') await deps.stats.record.booking(t, b.hall_id, 'cancelled');
      for (const userId of [b.user_id, b.partner_user_id].filter((x): x is number => x !== null)) {
        await deps.notices.notify({ userId }, notice.key, noticeData(names, b, notice.extra), bookingLink(b.code), {
          transaction: t,
        });
      }
      return true;
    });
  }

  return {
    view,
    async mine(userId: number) {
      const rows = await Booking.findAll({
        where: { [Op.or]: [{ user_id: userId }, { partner_user_id: userId }] },
        order: [
          ['date', 'DESC'],
          ['start_time', 'DESC'],
        ],
        limit: 100,
      });
      return { items: await Promise.all(rows.map((r) => view(r.get({ plain: true }) as BookingRow, userId))) };
    },

    async get(userId: number, code: string) {
      const b = await mineByCode(userId, code);
      const v = await view(b, userId);
      const qr = v.checkInPayload
        ? await QRCode.toDataURL(v.checkInPayload, { width: 480, margin: 2, errorCorrectionLevel: 'M' })
        : null;
      return { booking: { ...v, checkInQr: qr } };
    },

    async cancel(userId: number, code: string) {
      const b = await mineByCode(userId, code);
      if (!['awaiting_partner', 'confirmed'].includes(b.status))
        throw conflict('NOT_CANCELLABLE', '该预约当前不能取消');
      const venue = deps.venues.of(b.service_code);
      if (venue) {
        // Booked at another module's place: its cancellation is that module's story (a case
        // closes with it and closes the booking, after venues.assertCancellable: the rule here).
        if (b.user_id !== userId) throw notFound('未找到该预约');
        await venue.cancel(userId, b);
        return { booking: await view((await Booking.findByPk(b.id))!.get({ plain: true }) as BookingRow, userId) };
      }
      const c = await slots.config(b.hall_id, b.service_code);
      const deadline = beijingInstant(b.date, b.start_time).getTime() - (c?.cancel_minutes ?? 0) * 60_000;
      if (p.clock.now() > deadline)
        throw conflict(
          'CANCEL_DEADLINE_PASSED',
          `已超过取消时限（时段开始前${c?.cancel_minutes ?? 0}分钟），如不能到场请致电大厅`,
        );
      const by = b.user_id === userId ? '预约人取消' : '另一方取消';
      await close(b, 'cancelled', ['awaiting_partner', 'confirmed'], { key: 'booking.cancelled', extra: { by } });
      return { booking: await view((await Booking.findByPk(b.id))!.get({ plain: true }) as BookingRow, userId) };
    },

    /** What the invited party sees before confirming: where, when, who invited (masked). */
    async invitation(userId: number, inviteCode: string) {
      await enforceRateLimit(p.cache, `invite:user:${userId}`, 30, 60_000, '操作过于频繁，请稍后再试');
      const b = await Booking.findOne({
        where: { invite_code: inviteCode, status: 'awaiting_partner', invite_expires_at: { [Op.gt]: p.clock.date() } },
      });
      if (!b) throw notFound('邀请码无效或已过期');
      const inviter = await deps.identity.realNameOf(b.user_id);
      const n = await deps.names.of(b);
      return {
        invitation: {
          hallName: n.hall,
          hallAddress: n.address,
          serviceName: n.service,
          date: b.date,
          time: `${b.start_time}-${b.end_time}`,
          inviter: inviter ? maskName(inviter.name) : null,
          expiresAt: new Date(b.invite_expires_at!).toISOString(),
          materials: n.materials,
        },
      };
    },

    /** The second party confirms with their own WeChat and real name. */
    async accept(userId: number, inviteCode: string) {
      await enforceRateLimit(p.cache, `invite:user:${userId}`, 30, 60_000, '操作过于频繁，请稍后再试');
      const row = await Booking.findOne({
        where: { invite_code: inviteCode, status: 'awaiting_partner', invite_expires_at: { [Op.gt]: p.clock.date() } },
      });
      if (!row) throw notFound('邀请码无效或已过期');
      const b = row.get({ plain: true }) as BookingRow;
      if (b.user_id === userId) throw conflict('SELF_INVITATION', '请将邀请码发给另一方，由其用本人微信确认');
      const [me, booker] = await Promise.all([deps.identity.realNameOf(userId), deps.identity.realNameOf(b.user_id)]);
      if (!me) throw realNameRequiredError();
      if (!booker) throw conflict('BOOKER_NOT_REAL_NAMED', '预约人的实名信息已失效，请重新预约');
      if (me.idNumber === booker.idNumber)
        throw conflict('SELF_INVITATION', '请将邀请码发给另一方，由其用本人微信确认');
      if (b.service_code === SERVICE_CODES.marriage) {
        const problem = marriageProblem(booker.idNumber, me.idNumber, b.date);
        if (problem) throw conflict('MARRIAGE_NOT_ALLOWED', problem);
      }
      const c = await slots.config(b.hall_id, b.service_code);
      if (c) {
        const until = await banUntil(userId, c);
        if (until) throw new AppError(403, 'NO_SHOW_BANNED', `因多次预约未到场，${until}前不能预约`);
      }
      const names = await deps.names.of(b);
      await p.db.transaction(async (t) => {
        const [n] = await Booking.update(
          { partner_user_id: userId, status: 'confirmed', invite_code: null },
          { where: { id: b.id, status: 'awaiting_partner' }, transaction: t },
        );
        if (n !== 1) throw notFound('邀请码无效或已过期');
        try {
          await Hold.create(
            { user_id: userId, service_code: b.service_code, booking_id: b.id, created_at: p.clock.date() },
            { transaction: t },
          );
        } catch (err) {
          if (isUniqueViolation(err)) throw alreadyBookedError();
          throw err;
        }
        for (const who of [b.user_id, userId])
          await deps.notices.notify(
            { userId: who },
            'booking.partner_confirmed',
            noticeData(names, b),
            bookingLink(b.code),
            { transaction: t },
          );
      });
      return { booking: await view((await Booking.findByPk(b.id))!.get({ plain: true }) as BookingRow, userId) };
    },

    /** Job: invitations not confirmed in time lapse and their seats return. Idempotent. */
    async lapseExpired(): Promise<number> {
      const due = await Booking.findAll({
        where: { status: 'awaiting_partner', invite_expires_at: { [Op.lte]: p.clock.date() } },
        limit: 500,
      });
      let n = 0;
      for (const row of due) {
        if (
          await close(row.get({ plain: true }) as BookingRow, 'lapsed', ['awaiting_partner'], {
            key: 'booking.lapsed',
            extra: { hours: String(INVITE_HOURS) },
          })
        )
          n++;
      }
      return n;
    },

    /** Job: the day-before reminder, once per booking. */
    async remindTomorrow(): Promise<number> {
      const tomorrow = addDays(p.clock.today(), 1);
      const due = await Booking.findAll({
        where: { date: tomorrow, status: 'confirmed', reminded_at: null },
        limit: 2000,
      });
      let n = 0;
      for (const row of due) {
        const b = row.get({ plain: true }) as BookingRow;
        const names = await deps.names.of(b);
        await p.db.transaction(async (t) => {
          const [u] = await Booking.update(
            { reminded_at: p.clock.date() },
            { where: { id: b.id, reminded_at: null }, transaction: t },
          );
          if (u !== 1) return;
          for (const userId of [b.user_id, b.partner_user_id].filter((x): x is number => x !== null)) {
            await deps.notices.notify({ userId }, 'booking.reminder', noticeData(names, b), bookingLink(b.code), {
              transaction: t,
            });
          }
          n++;
        });
      }
      return n;
    },
    twoParty: (code: string) => TWO_PARTY.has(code),
  };
}
