import { Op } from 'sequelize';
import type { AuditRecord } from '../../platform/audit';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { beijingInstant } from '../../platform/clock';
import type { defineStaffModels } from './models';

export interface AuditLogQuery {
  actor?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: number;
  pageSize: number;
}

const DAY_MS = 86400_000;

/**
 * The administrator reads the audit trail: who read or changed what, newest first, by person
 * (a staff username), record (its type and id), action and Beijing dates. Staff actors come
 * with their names. Reading the trail is itself recorded: it names citizens' records.
 */
export function makeAuditLog(p: Platform, models: ReturnType<typeof defineStaffModels>) {
  return async function readAuditLog(admin: StaffPrincipal, q: AuditLogQuery) {
    let actorId: number | undefined;
    if (q.actor) {
      const staff = await models.Staff.findOne({ where: { username: q.actor }, attributes: ['id'] });
      // Nobody by that name has done anything.
      if (!staff) return { items: [], nextBefore: null };
      actorId = staff.id;
    }
    const items = await p.audit.search({
      ...(actorId !== undefined ? { actorType: 'staff' as const, actorId } : {}),
      targetType: q.targetType,
      targetId: q.targetId,
      action: q.action,
      from: q.from ? beijingInstant(q.from, '00:00') : undefined,
      to: q.to ? new Date(beijingInstant(q.to, '00:00').getTime() + DAY_MS) : undefined,
      before: q.before,
      limit: q.pageSize + 1,
    });
    const page = items.slice(0, q.pageSize);
    const staffIds = [
      ...new Set(page.filter((e) => e.actor.type === 'staff' && e.actor.id).map((e) => Number(e.actor.id))),
    ];
    const names = new Map(
      (
        await models.Staff.findAll({
          where: { id: { [Op.in]: staffIds.length ? staffIds : [0] } },
          attributes: ['id', 'username', 'display_name'],
        })
      ).map((s) => [String(s.id), { username: s.username, displayName: s.display_name }]),
    );
    await p.audit.record({
      actor: { type: 'staff', id: admin.id },
      action: 'audit.read',
      target: { type: 'audit_log', id: q.before ?? 'latest' },
      detail: { filter: { ...q, pageSize: undefined } },
    });
    return {
      items: page.map((e: AuditRecord) => ({
        ...e,
        actor: { ...e.actor, ...(e.actor.type === 'staff' && e.actor.id ? (names.get(e.actor.id) ?? {}) : {}) },
      })),
      /** Pass as `before` for the next (older) page; null at the end. */
      nextBefore: items.length > q.pageSize ? page[page.length - 1].id : null,
    };
  };
}
