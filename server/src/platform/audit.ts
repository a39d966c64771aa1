import { DataTypes, type Sequelize, type Transaction } from 'sequelize';
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

export type Audit = ReturnType<typeof createAudit>;
