import { coversReach, divisionPrefixes, reachWhere } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { MpApi, Segment } from '../mp';
import type { Dispatcher } from './dispatch';
import type { NoticeModels } from './index';
import type { BroadcastRow, OutboxStatus } from './models';
import { fitFields, TemplateFieldError, type TemplateRegistry } from './templates';

export const EXPAND_JOB = 'notices.broadcast.expand';
const PAGE = 1000;

export interface NewBroadcast {
  templateKey: string;
  data: Record<string, string>;
  link?: string;
  segment: Segment;
}

/**
 * Staff broadcasts (GOV.UK Notify's bulk sends): compose for a segment with a preview of how
 * many it reaches; a different person with the approver role approves; a job turns the
 * segment into outbox rows page by page (each page in one transaction with its cursor, so a
 * crash resumes, never repeats); live counts by status; cancellable midway.
 */
export function makeBroadcasts(
  p: Platform,
  models: NoticeModels,
  templates: TemplateRegistry,
  mp: MpApi,
  dispatcher: Dispatcher,
) {
  const { Broadcast, Outbox, Message } = models;
  const qi = p.db.getQueryInterface();
  const audit = (staff: StaffPrincipal, action: string, id: number, detail?: Record<string, unknown>) =>
    p.audit.record({
      actor: { type: 'staff', id: staff.id },
      action,
      target: { type: 'notice_broadcast', id },
      detail,
    });

  /**
   * A broadcast the staff member's scope covers (where its segment reaches, resolved when it was
   * composed); any other is not found, like every out-of-scope record.
   */
  const load = async (staff: StaffPrincipal, id: number) => {
    const b = await Broadcast.findByPk(id);
    if (!b || !coversReach(staff, { divisionCode: b.reach_division, hallId: b.reach_hall_id }))
      throw notFound('未找到该群发通知');
    return b;
  };

  async function counts(id: number) {
    const rows = (await Outbox.findAll({
      where: { broadcast_id: id },
      attributes: ['status', [p.db.fn('COUNT', p.db.col('id')), 'n']],
      group: ['status'],
      raw: true,
    })) as unknown as Array<{ status: OutboxStatus; n: number | string }>;
    const c: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, cancelled: 0 };
    for (const r of rows) c[r.status] = Number(r.n);
    return c;
  }

  async function view(b: BroadcastRow) {
    const c = await counts(b.id);
    // Done when every row is final and the segment is fully expanded.
    if (b.status === 'sending' && b.finished_at && c.queued + c.sending === 0) {
      await Broadcast.update({ status: 'sent' }, { where: { id: b.id, status: 'sending' } });
      b.status = 'sent';
    }
    return {
      id: b.id,
      templateKey: b.template_key,
      data: JSON.parse(b.data),
      link: b.link,
      segment: JSON.parse(b.segment),
      reach: { divisionCode: b.reach_division, hallId: b.reach_hall_id },
      status: b.status,
      recipients: b.recipients,
      expanded: b.expanded,
      counts: {
        queued: c.queued + c.sending,
        sent: c.sent,
        delivered: c.delivered,
        failed: c.failed,
        cancelled: c.cancelled,
      },
      createdBy: b.created_by,
      approvedBy: b.approved_by,
      reason: b.reason,
      createdAt: new Date(b.created_at).toISOString(),
    };
  }

  async function expand(id: number) {
    for (;;) {
      const b = await Broadcast.findByPk(id, { raw: true });
      if (!b || b.status !== 'sending' || b.finished_at) return;
      const segment = JSON.parse(b.segment) as Segment;
      const members = await mp.segments.page(segment, b.cursor, PAGE);
      if (!members.length) {
        await Broadcast.update({ finished_at: p.clock.date() }, { where: { id, status: 'sending' } });
        return;
      }
      const template = templates.get(b.template_key);
      const data = JSON.parse(b.data) as Record<string, string>;
      const { title, body } = template.render(data);
      const payload = JSON.stringify({
        template_id: template.mp!.templateId,
        data: fitFields(template.mp!.fields(data)),
        ...(b.link ? { miniprogram: { appid: p.config.wechat.mini.appid, pagepath: b.link.replace(/^\//, '') } } : {}),
      });
      const now = p.clock.date();
      await p.db.transaction(async (transaction) => {
        // Still sending? (A cancel between pages stops here.)
        const [moved] = await Broadcast.update(
          {
            cursor: members[members.length - 1].id,
            expanded: p.db.literal(`expanded + ${members.length}`) as unknown as number,
          },
          { where: { id, status: 'sending', cursor: b.cursor }, transaction },
        );
        if (!moved) return;
        // Plain multi-row INSERTs: a page is a thousand rows, too many to build model instances for.
        await qi.bulkInsert(
          Outbox.getTableName(),
          members.map((m) => ({
            channel: 'mp_template',
            user_id: m.userId,
            broadcast_id: id,
            openid: m.openid,
            template_key: b.template_key,
            payload,
            client_msg_id: `b${id}-${m.id}`,
            status: 'queued',
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
          })),
          { transaction, ignoreDuplicates: true } as { transaction: typeof transaction },
        ); // INSERT IGNORE: a page redone after a crash
        const linked = members.filter((m) => m.userId !== null);
        if (linked.length) {
          await qi.bulkInsert(
            Message.getTableName(),
            linked.map((m) => ({
              user_id: m.userId!,
              kind: template.kind,
              template_key: b.template_key,
              title: title.slice(0, 100),
              body,
              link: b.link,
              data: b.data,
              created_at: now,
            })),
            { transaction },
          );
        }
      });
      await dispatcher.kick(4);
    }
  }

  p.jobs.define<{ id: number }>(EXPAND_JOB, async ({ id }) => expand(id), { attempts: 10, backoffMs: 2000 });

  return {
    async preview(staff: StaffPrincipal, segment: Segment) {
      return { count: await mp.segments.countFor(staff, segment) };
    },
    async compose(staff: StaffPrincipal, input: NewBroadcast) {
      if (!templates.has(input.templateKey) || !templates.get(input.templateKey).mp) {
        throw badRequest('UNKNOWN_TEMPLATE', '该通知模板不能用于群发', { templateKey: '请选择可群发的通知模板' });
      }
      const template = templates.get(input.templateKey);
      try {
        fitFields(template.mp!.fields(input.data));
        template.render(input.data);
      } catch (err) {
        if (err instanceof TemplateFieldError)
          throw badRequest('TEMPLATE_DATA_INVALID', '通知内容不符合微信模板要求', { data: '请检查通知内容的格式' });
        throw err;
      }
      const reach = await mp.segments.reachInScope(staff, input.segment);
      const recipients = await mp.segments.count(input.segment);
      if (recipients === 0) throw badRequest('EMPTY_SEGMENT', '所选推送对象中没有关注公众号的用户');
      const b = await Broadcast.create({
        template_key: input.templateKey,
        data: JSON.stringify(input.data),
        link: input.link ?? null,
        segment: JSON.stringify(input.segment),
        reach_division: reach.divisionCode,
        reach_hall_id: reach.hallId,
        status: 'pending',
        recipients,
        created_by: staff.id,
        created_at: p.clock.date(),
      });
      await audit(staff, 'notice.broadcast.compose', b.id, { recipients });
      return { broadcast: await view(b) };
    },
    async approve(approver: StaffPrincipal, id: number) {
      const b = await load(approver, id);
      if (b.created_by === approver.id) throw forbidden('群发通知须由撰写人以外的审核人批准');
      if (b.status !== 'pending') throw conflict('BROADCAST_NOT_PENDING', '该群发通知不在待审核状态');
      const [n] = await Broadcast.update(
        { status: 'sending', approved_by: approver.id, approved_at: p.clock.date() },
        { where: { id, status: 'pending' } },
      );
      if (!n) throw conflict('BROADCAST_NOT_PENDING', '该群发通知不在待审核状态');
      await audit(approver, 'notice.broadcast.approve', id);
      await p.jobs.enqueue(EXPAND_JOB, { id }, { jobId: `broadcast-expand-${id}` });
      return { broadcast: await view((await load(approver, id)).get({ plain: true })) };
    },
    async reject(approver: StaffPrincipal, id: number, reason: string) {
      const b = await load(approver, id);
      if (b.status !== 'pending') throw conflict('BROADCAST_NOT_PENDING', '该群发通知不在待审核状态');
      await b.update({ status: 'rejected', reason, approved_by: approver.id });
      await audit(approver, 'notice.broadcast.reject', id);
      return { broadcast: await view(b) };
    },
    /** Stops the rest: no more pages expanded, every row not yet claimed is cancelled. */
    async cancel(staff: StaffPrincipal, id: number) {
      const b = await load(staff, id);
      if (!['pending', 'sending'].includes(b.status))
        throw conflict('BROADCAST_FINISHED', '该群发通知已结束，无法取消');
      await b.update({ status: 'cancelled', finished_at: b.finished_at ?? p.clock.date() });
      const [cancelled] = await Outbox.update(
        { status: 'cancelled', reason: '群发已取消', finished_at: p.clock.date() },
        { where: { broadcast_id: id, status: 'queued' } },
      );
      await audit(staff, 'notice.broadcast.cancel', id, { cancelled });
      return { broadcast: await view(b) };
    },
    async get(staff: StaffPrincipal, id: number) {
      return { broadcast: await view((await load(staff, id)).get({ plain: true })) };
    },
    /** The latest broadcasts of the staff member's scope. */
    async list(staff: StaffPrincipal) {
      const where = reachWhere(staff, { division: 'reach_division', hall: 'reach_hall_id' }) ?? {};
      const rows = await Broadcast.findAll({ where, order: [['id', 'DESC']], limit: 50, raw: true });
      return { items: await Promise.all(rows.map(view)) };
    },
    /**
     * One page of a broadcast's outbox: each recipient's WeChat status, and for a failure its
     * reason and class. The openid is masked (the row names a follower, not who they are).
     */
    async outbox(staff: StaffPrincipal, id: number, input: { status?: OutboxStatus; page: number; pageSize: number }) {
      await load(staff, id);
      const { rows, count } = await Outbox.findAndCountAll({
        where: { broadcast_id: id, ...(input.status ? { status: input.status } : {}) },
        order: [['id', 'ASC']],
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
        raw: true,
      });
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          openid: `${r.openid.slice(0, 4)}****${r.openid.slice(-4)}`,
          status: r.status,
          msgid: r.msgid,
          reason: r.reason,
          failureClass: r.failure_class ?? null,
          attempts: r.attempts,
        })),
        total: count,
      };
    },
    /**
     * May this staff member read the delivery of this outbox row? A broadcast's row when the
     * broadcast is in their scope; a notice to one citizen (which names no region) only for
     * nationwide accounts.
     */
    async outboxInScope(staff: StaffPrincipal, outboxId: number): Promise<boolean> {
      const row = await Outbox.findByPk(outboxId, { attributes: ['broadcast_id'], raw: true });
      if (!row) return false;
      if (row.broadcast_id === null) return divisionPrefixes(staff) === null;
      const b = await Broadcast.findByPk(row.broadcast_id, {
        attributes: ['reach_division', 'reach_hall_id'],
        raw: true,
      });
      return Boolean(b) && coversReach(staff, { divisionCode: b!.reach_division, hallId: b!.reach_hall_id });
    },
    /** For the bench and operators: has every row reached a final state? */
    async settled(id: number) {
      const c = await counts(id);
      return c.queued + c.sending === 0 && c.sent === 0;
    },
  };
}

export type Broadcasts = ReturnType<typeof makeBroadcasts>;
