import { Op } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import type { QueueDeps } from './index';
import type { Lane, TicketRow } from './models';
import { publishQueueChange } from './display';
import { byQueueOrder, LANE_RANK, type makeTickets } from './tickets';
import { pageLink } from '@minzheng/contracts';

/** Tickets are told this many places before their turn. */
export const NEAR_PLACES = 3;

/**
 * The window's side: call the next ticket, call again, mark done or skipped. A priority-lane
 * window serves the elderly and disabled first; every window serves booked check-ins before
 * walk-ins. Called tickets are claimed with a conditional update, so two windows never call
 * the same number.
 */
export function makeCalling(deps: QueueDeps, tickets: ReturnType<typeof makeTickets>, maxCalls: number) {
  const { p, models, halls } = deps;
  const { Ticket } = models;
  const link = (id: number) => pageLink('ticket', { id });

  const audit = (staff: StaffPrincipal, action: string, hallId: number, detail: Record<string, unknown>) =>
    p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target: { type: 'hall', id: hallId }, detail });
  const changed = (hallId: number, call?: { label: string; windowNumber: string; callCount: number }) =>
    publishQueueChange(p, hallId, call);

  async function windowOf(staff: StaffPrincipal, hallId: number, number: string) {
    await halls.hallInScope(staff, hallId);
    const w = (await halls.windows(hallId)).find((x) => x.number === number);
    if (!w) throw notFound('该大厅没有这个窗口');
    return w;
  }

  async function ticketAt(staff: StaffPrincipal, hallId: number, id: number) {
    await halls.hallInScope(staff, hallId);
    const t = await Ticket.findOne({ where: { id, hall_id: hallId } });
    if (!t) throw notFound('未找到该排队号');
    return t.get({ plain: true }) as TicketRow;
  }

  /** After the queue moved: tell whoever is now within NEAR_PLACES of their turn, once. */
  async function notifyNear(hallId: number, serviceCodes: string[]) {
    const day = p.clock.today();
    for (const code of serviceCodes) {
      const waiting = (await Ticket.findAll({ where: { hall_id: hallId, day, service_code: code, status: 'waiting' } }))
        .map((r) => r.get({ plain: true }) as TicketRow)
        .sort(byQueueOrder);
      for (const [i, t] of waiting.slice(0, NEAR_PLACES).entries()) {
        if (t.near_notified || t.user_id === null) continue;
        const [n] = await Ticket.update({ near_notified: true }, { where: { id: t.id, near_notified: false } });
        if (n === 1)
          await deps.notices.notify(
            { userId: t.user_id },
            'queue.near',
            { label: t.label, ahead: String(i), hall: (await halls.activeHall(hallId)).name },
            link(t.id),
          );
      }
    }
  }

  async function announce(t: TicketRow, windowNumber: string) {
    if (t.user_id !== null)
      await deps.notices.notify(
        { userId: t.user_id },
        'queue.called',
        { label: t.label, window: windowNumber },
        link(t.id),
      );
  }

  return {
    notifyNear,
    async callNext(staff: StaffPrincipal, hallId: number, windowNumber: string) {
      const w = await windowOf(staff, hallId, windowNumber);
      const day = p.clock.today();
      // What this window had in hand is finished when it calls the next one.
      await Ticket.update(
        { status: 'done', finished_at: p.clock.date() },
        { where: { hall_id: hallId, day, window_number: windowNumber, status: { [Op.in]: ['called', 'serving'] } } },
      );
      const rank = (lane: Lane) => (w.priority_lane && lane === 'priority' ? -1 : LANE_RANK[lane]);
      for (let attempt = 0; attempt < 5; attempt++) {
        const waiting = (
          await Ticket.findAll({
            where: { hall_id: hallId, day, status: 'waiting', service_code: { [Op.in]: w.service_codes } },
          })
        )
          .map((r) => r.get({ plain: true }) as TicketRow)
          .sort((a, b) => rank(a.lane) - rank(b.lane) || a.id - b.id);
        const next = waiting[0];
        if (!next) {
          await changed(hallId); // what this window had in hand was finished all the same
          return { ticket: null, message: '当前没有等候的号' };
        }
        // The call and its count in the waiting-time roll-up commit together.
        const n = await p.db.transaction(async (t) => {
          const [moved] = await Ticket.update(
            { status: 'called', window_number: windowNumber, call_count: 1, called_at: p.clock.date() },
            { where: { id: next.id, status: 'waiting' }, transaction: t },
          );
          if (moved === 1) await deps.stats.record.ticketCalled(t, hallId, new Date(next.created_at));
          return moved;
        });
        if (n !== 1) continue; // another window took it first
        const called = { ...next, status: 'called' as const, window_number: windowNumber, call_count: 1 };
        await changed(hallId, { label: next.label, windowNumber, callCount: 1 });
        await announce(called, windowNumber);
        await notifyNear(hallId, w.service_codes);
        await audit(staff, 'queue.call', hallId, { ticket: next.label, window: windowNumber });
        return { ticket: await tickets.view(called) };
      }
      throw conflict('BUSY', '叫号冲突，请重试');
    },
    /** Calls the same ticket again; past the limit it is skipped (过号) and the next may be called. */
    async recall(staff: StaffPrincipal, hallId: number, id: number) {
      const t = await ticketAt(staff, hallId, id);
      if (t.status !== 'called') throw conflict('NOT_CALLED', '只能重呼已叫到的号');
      if (t.call_count >= maxCalls) {
        await Ticket.update({ status: 'skipped', finished_at: p.clock.date() }, { where: { id, status: 'called' } });
        if (t.user_id !== null)
          await deps.notices.notify(
            { userId: t.user_id },
            'queue.skipped',
            { label: t.label, times: String(maxCalls) },
            link(id),
          );
        await audit(staff, 'queue.skip', hallId, { ticket: t.label });
        await changed(hallId);
        return { ticket: await tickets.view({ ...t, status: 'skipped' }) };
      }
      const [n] = await Ticket.update(
        { call_count: t.call_count + 1 },
        { where: { id, status: 'called', call_count: t.call_count } },
      );
      if (n !== 1) throw conflict('NOT_CALLED', '该号状态已变化，请刷新后再试');
      await changed(hallId, { label: t.label, windowNumber: t.window_number!, callCount: t.call_count + 1 });
      await announce(t, t.window_number!);
      await audit(staff, 'queue.recall', hallId, { ticket: t.label, window: t.window_number, call: t.call_count + 1 });
      return { ticket: await tickets.view({ ...t, call_count: t.call_count + 1 }) };
    },
    async serve(staff: StaffPrincipal, hallId: number, id: number) {
      const t = await ticketAt(staff, hallId, id);
      const [n] = await Ticket.update({ status: 'serving' }, { where: { id, status: 'called' } });
      if (n !== 1) throw conflict('NOT_CALLED', '该号未在叫号中');
      await audit(staff, 'queue.serve', hallId, { ticket: t.label, window: t.window_number });
      await changed(hallId);
      return { ticket: await tickets.view({ ...t, status: 'serving' }) };
    },
    /** 过号: the citizen called did not come; the window may call the next one. */
    async skip(staff: StaffPrincipal, hallId: number, id: number) {
      const t = await ticketAt(staff, hallId, id);
      const [n] = await Ticket.update(
        { status: 'skipped', finished_at: p.clock.date() },
        { where: { id, status: 'called' } },
      );
      if (n !== 1) throw conflict('NOT_CALLED', '只能将叫号中的号标记为过号');
      if (t.user_id !== null)
        await deps.notices.notify(
          { userId: t.user_id },
          'queue.skipped',
          { label: t.label, times: String(t.call_count) },
          link(id),
        );
      await audit(staff, 'queue.skip', hallId, { ticket: t.label });
      await changed(hallId);
      return { ticket: await tickets.view({ ...t, status: 'skipped' }) };
    },
    async done(staff: StaffPrincipal, hallId: number, id: number) {
      const t = await ticketAt(staff, hallId, id);
      const [n] = await Ticket.update(
        { status: 'done', finished_at: p.clock.date() },
        { where: { id, status: { [Op.in]: ['called', 'serving'] } } },
      );
      if (n !== 1) throw conflict('NOT_CALLED', '该号未在办理中');
      await audit(staff, 'queue.done', hallId, { ticket: t.label, window: t.window_number });
      await changed(hallId);
      return { ticket: await tickets.view({ ...t, status: 'done' }) };
    },
    async list(staff: StaffPrincipal, hallId: number) {
      await halls.hallInScope(staff, hallId);
      const rows = (await Ticket.findAll({ where: { hall_id: hallId, day: p.clock.today() } })).map(
        (r) => r.get({ plain: true }) as TicketRow,
      );
      return {
        items: rows
          .sort((a, b) => (a.status === 'waiting' ? 0 : 1) - (b.status === 'waiting' ? 0 : 1) || byQueueOrder(a, b))
          .map((t) => ({
            id: t.id,
            label: t.label,
            serviceCode: t.service_code,
            lane: t.lane,
            status: t.status,
            windowNumber: t.window_number,
            callCount: t.call_count,
          })),
      };
    },
    /** A walk-in without a phone: staff hand out the ticket at the door. */
    async issueAtDesk(staff: StaffPrincipal, hallId: number, input: { serviceCode: string; priority?: boolean }) {
      await halls.hallInScope(staff, hallId);
      if (!(await halls.handles(hallId, input.serviceCode))) throw notFound('该大厅不办理这项事项');
      const t = await tickets.issue({
        hallId,
        serviceCode: input.serviceCode,
        lane: input.priority ? 'priority' : 'normal',
        userId: null,
      });
      await audit(staff, 'queue.issue', hallId, { ticket: t.label });
      return { ticket: await tickets.view(t) };
    },
  };
}
