import { DataTypes, Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Clock } from './clock';
import { requestSource } from './request-source';

/** Who did what to which record. Staff reads of personal data are audited like writes. */
export interface AuditEntry {
  actor: { type: 'staff' | 'citizen' | 'system'; id?: string | number };
  action: string;
  target?: { type: string; id: string | number };
  detail?: Record<string, unknown>;
  /** Default: those of the request being handled (`platform/request-source`), if any. */
  ip?: string;
  requestId?: string;
}

export function createAudit(db: Sequelize, clock: Clock) {
  // db.define, not a class with static init: each app instance (tests start several) keeps
  // models bound to its own connection.
  const AuditLog = db.define(
    'AuditLog',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      actor_type: DataTypes.STRING,
      actor_id: DataTypes.STRING,
      action: DataTypes.STRING,
      target_type: DataTypes.STRING,
      target_id: DataTypes.STRING,
      detail: DataTypes.TEXT,
      ip: DataTypes.STRING,
      request_id: DataTypes.STRING,
      created_at: DataTypes.DATE,
    },
    { tableName: 'audit_logs', timestamps: false },
  );

  return {
    /**
     * The newest entries first, `limit` of them older than the entry `before` (keyset paging: no
     * count and no offset over a table that only grows). Each filter is exact but `action`, a
     * prefix (`social_org.` finds every social organization action).
     */
    async search(filter: AuditFilter): Promise<AuditRecord[]> {
      const where: WhereOptions = {};
      const and: WhereOptions[] = [];
      if (filter.actorType) and.push({ actor_type: filter.actorType });
      if (filter.actorId !== undefined) and.push({ actor_id: String(filter.actorId) });
      if (filter.targetType) and.push({ target_type: filter.targetType });
      if (filter.targetId !== undefined) and.push({ target_id: String(filter.targetId) });
      // Callers pass letters, digits, '.' and '_' only; '_' (any one character to LIKE) matches itself too.
      if (filter.action) and.push({ action: { [Op.like]: `${filter.action}%` } });
      if (filter.from) and.push({ created_at: { [Op.gte]: filter.from } });
      if (filter.to) and.push({ created_at: { [Op.lt]: filter.to } });
      if (filter.before) and.push({ id: { [Op.lt]: filter.before } });
      if (and.length) Object.assign(where, { [Op.and]: and });
      const rows = (await AuditLog.findAll({
        where,
        order: [['id', 'DESC']],
        limit: filter.limit,
        raw: true,
      })) as any[];
      return rows.map((r) => ({
        id: Number(r.id),
        at: new Date(r.created_at).toISOString(),
        actor: { type: r.actor_type, id: r.actor_id },
        action: r.action,
        target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
        ip: r.ip,
        requestId: r.request_id,
      }));
    },
    async record(entry: AuditEntry, transaction?: Transaction): Promise<void> {
      const source = requestSource();
      await AuditLog.create(
        {
          actor_type: entry.actor.type,
          actor_id: entry.actor.id === undefined ? null : String(entry.actor.id),
          action: entry.action,
          target_type: entry.target?.type ?? null,
          target_id: entry.target === undefined ? null : String(entry.target.id),
          detail: entry.detail ? JSON.stringify(entry.detail) : null,
          ip: entry.ip ?? source?.ip ?? null,
          request_id: entry.requestId ?? source?.requestId ?? null,
          created_at: clock.date(),
        },
        { transaction },
      );
    },
  };
}

export interface AuditFilter {
  actorType?: AuditEntry['actor']['type'];
  actorId?: string | number;
  targetType?: string;
  targetId?: string | number;
  action?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: { type: string; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

export type Audit = ReturnType<typeof createAudit>;
