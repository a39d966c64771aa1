import { literal, Op, type Transaction } from 'sequelize';
import { AppError, conflict, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { QueueDeps } from './index';
import { publishQueueChange } from './display';
import type { Lane, TicketRow } from './models';

/** Order of service: booked check-ins, then the priority lane, then everyone else, each by arrival. */
export const LANE_RANK: Record<Lane, number> = { booked: 0, priority: 1, normal: 2 };
export const ELDERLY_AGE = 60;
const DEFAULT_MINUTES_PER_TICKET = 10;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

const ageFromId = (id: string, today: string) => {
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
};

export const byQueueOrder = (a: TicketRow, b: TicketRow) => LANE_RANK[a.lane] - LANE_RANK[b.lane] || a.id - b.id;

/**
 * 取号: a ticket per citizen, hall, service and day, numbered per service prefix (A001…) from
 * a per-day counter, so numbers restart each morning and never repeat within a day.
 */
export function makeTickets(deps: QueueDeps) {
  const { p, models, halls } = deps;
  const { Ticket, Counter } = models;

  async function prefixOf(hallId: number, serviceCode: string): Promise<string> {
    const hall = await halls.activeHall(hallId);
    const own = hall.queue_prefixes?.[serviceCode];
    if (own) return own;
    const codes = [...new Set((await halls.windows(hallId)).flatMap((w) => w.service_codes))].sort();
    return LETTERS[Math.max(0, codes.indexOf(serviceCode)) % LETTERS.length];
  }

  async function nextNumber(hallId: number, day: string, prefix: string, t: Transaction): Promise<number> {
    await Counter.bulkCreate([{ hall_id: hallId, day, prefix, last: 0 }], { ignoreDuplicates: true, transaction: t });
    await Counter.update(
      { last: literal('last + 1') as unknown as number },
      { where: { hall_id: hallId, day, prefix }, transaction: t },
    );
    const c = await Counter.findOne({ where: { hall_id: hallId, day, prefix }, transaction: t });
    return c!.last;
  }

  async function issue(input: {
    hallId: number;
    serviceCode: string;
    lane: Lane;
    userId: number | null;
    bookingId?: number;
  }) {
    const day = p.clock.today();
    const prefix = await prefixOf(input.hallId, input.serviceCode);
    const row = await p.db.transaction(async (t) => {
      const number = await nextNumber(input.hallId, day, prefix, t);
      return Ticket.create(
        {
          hall_id: input.hallId,
          day,
          service_code: input.serviceCode,
          prefix,
          number,
          label: `${prefix}${String(number).padStart(3, '0')}`,
          lane: input.lane,
          status: 'waiting',
          user_id: input.userId,
          booking_id: input.bookingId ?? null,
          call_count: 0,
          near_notified: false,
        },
        { transaction: t },
      );
    });
    await publishQueueChange(p, input.hallId);
    return row.get({ plain: true }) as TicketRow;
  }

  /** Position (1 = next) among waiting tickets of the same service, and the expected wait. */
  async function position(t: TicketRow) {
    if (t.status !== 'waiting') return { position: 0, ahead: 0, expectedWaitMinutes: 0 };
    const waiting = (
      await Ticket.findAll({
        where: { hall_id: t.hall_id, day: t.day, service_code: t.service_code, status: 'waiting' },
      })
    )
      .map((r) => r.get({ plain: true }) as TicketRow)
      .sort(byQueueOrder);
    const ahead = waiting.findIndex((w) => w.id === t.id);
    const windows =
      (await halls.windows(t.hall_id)).filter((w) => w.service_codes.includes(t.service_code)).length || 1;
    const done = await Ticket.findAll({
      where: {
        hall_id: t.hall_id,
        day: t.day,
        service_code: t.service_code,
        status: 'done',
        called_at: { [Op.ne]: null },
      },
      order: [['id', 'DESC']],
      limit: 20,
    });
    const minutes = done.length
      ? done.reduce((s, r) => s + (new Date(r.finished_at!).getTime() - new Date(r.called_at!).getTime()) / 60_000, 0) /
        done.length
      : DEFAULT_MINUTES_PER_TICKET;
    return {
      position: ahead + 1,
      ahead,
      expectedWaitMinutes: Math.ceil(((ahead + 1) * Math.max(1, minutes)) / windows),
    };
  }

  async function view(t: TicketRow) {
    const [hall, service] = await Promise.all([
      halls.activeHall(t.hall_id).catch(() => null),
      deps.catalogue.byCodes([t.service_code]),
    ]);
    return {
      id: t.id,
      label: t.label,
      hallId: t.hall_id,
      hallName: hall?.name ?? '',
      serviceCode: t.service_code,
      serviceName: service.get(t.service_code)?.name ?? t.service_code,
      day: t.day,
      lane: t.lane,
      status: t.status,
      statusText: {
        waiting: '排队中',
        called: `请到${t.window_number ?? ''}号窗口`,
        serving: '办理中',
        done: '已办结',
        skipped: '已过号',
        cancelled: '已取消',
        expired: '已过期',
      }[t.status],
      windowNumber: t.window_number,
      callCount: t.call_count,
      ...(await position(t)),
    };
  }

  return {
    issue,
    position,
    view,
    async take(userId: number, input: { hallId: number; serviceCode: string; priority?: 'elderly' | 'disabled' }) {
      await enforceRateLimit(p.cache, `queue:user:${userId}`, 20, 60_000, '取号过于频繁，请稍后再试');
      const open = await halls.openNow(input.hallId);
      if (!open.open) throw conflict('HALL_NOT_OPEN', `现在不能取号：${open.text}`);
      if (!(await halls.handles(input.hallId, input.serviceCode))) throw notFound('该大厅不办理这项事项');
      const today = p.clock.today();
      const existing = await Ticket.findOne({
        where: {
          hall_id: input.hallId,
          day: today,
          service_code: input.serviceCode,
          user_id: userId,
          status: { [Op.in]: ['waiting', 'called', 'serving'] },
        },
      });
      if (existing) return { ticket: await view(existing.get({ plain: true }) as TicketRow), existing: true };
      let lane: Lane = 'normal';
      if (input.priority) {
        const person = await deps.identity.realNameOf(userId);
        if (input.priority === 'elderly') {
          if (!person) throw new AppError(403, 'REAL_NAME_REQUIRED', '老年人优先取号需先完成实名认证');
          if (ageFromId(person.idNumber, today) < ELDERLY_AGE)
            throw conflict('NOT_ELDERLY', `老年人优先通道面向${ELDERLY_AGE}周岁以上的老年人`);
        }
        // A disability is declared here and checked at the window (残疾人证).
        lane = 'priority';
      }
      const t = await issue({ ...input, lane, userId });
      return { ticket: await view(t), existing: false };
    },
    async get(userId: number, id: number) {
      const t = await Ticket.findOne({ where: { id, user_id: userId } });
      if (!t) throw notFound('未找到该排队号');
      return { ticket: await view(t.get({ plain: true }) as TicketRow) };
    },
    async mine(userId: number) {
      const rows = await Ticket.findAll({
        where: { user_id: userId, day: p.clock.today() },
        order: [['id', 'DESC']],
      });
      return { items: await Promise.all(rows.map((r) => view(r.get({ plain: true }) as TicketRow))) };
    },
    async cancel(userId: number, id: number) {
      const [n] = await Ticket.update(
        { status: 'cancelled', finished_at: p.clock.date() },
        { where: { id, user_id: userId, status: 'waiting' } },
      );
      if (n !== 1) throw conflict('NOT_CANCELLABLE', '该排队号当前不能取消');
      const answer = await this.get(userId, id);
      await publishQueueChange(p, answer.ticket.hallId);
      return answer;
    },
    /** The hall's board: what each service's queue looks like and who is being called. */
    async board(hallId: number) {
      await halls.activeHall(hallId);
      const rows = (
        await Ticket.findAll({
          where: { hall_id: hallId, day: p.clock.today(), status: { [Op.in]: ['waiting', 'called', 'serving'] } },
        })
      ).map((r) => r.get({ plain: true }) as TicketRow);
      const codes = [...new Set(rows.map((r) => r.service_code))];
      const names = await deps.catalogue.byCodes(codes);
      return {
        hallId,
        services: codes.map((c) => ({
          serviceCode: c,
          serviceName: names.get(c)?.name ?? c,
          waiting: rows.filter((r) => r.service_code === c && r.status === 'waiting').length,
        })),
        calling: rows
          .filter((r) => r.status !== 'waiting')
          .sort((a, b) => new Date(b.called_at!).getTime() - new Date(a.called_at!).getTime())
          .slice(0, 10)
          .map((r) => ({ label: r.label, windowNumber: r.window_number, status: r.status })),
      };
    },
    /** Job: yesterday's unfinished tickets expire (the daily reset of the numbers is the counter's day). */
    async expireOld(): Promise<number> {
      const [n] = await Ticket.update(
        { status: 'expired', finished_at: p.clock.date() },
        { where: { day: { [Op.lt]: p.clock.today() }, status: { [Op.in]: ['waiting', 'called', 'serving'] } } },
      );
      return n;
    },
  };
}
