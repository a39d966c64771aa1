import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import { isSqlite } from '../../../platform/db';
import type { Platform } from '../../../platform/platform';
import type { NoticeModels } from '../index';
import type { OutboxRow } from '../models';
import { retryDeadlocks } from './deadlocks';

/**
 * Claims: a pump takes due rows under a lease (`NOTICE_LEASE_MS`), marking them `sending`
 * with its own claim token and counting the attempt. A pump that dies leaves rows whose lease
 * runs out; they are due again and the next claim takes them over (abandoned leases first).
 * On MySQL concurrent claims skip each other's locked rows.
 */
export function makeClaims(p: Platform, { Outbox }: NoticeModels) {
  const leaseMs = () => p.config.notices.leaseMs;
  const mysql = !isSqlite(p.db);

  async function claimFrom(status: 'queued' | 'sending', limit: number, token: string): Promise<number> {
    const now = p.clock.date();
    return p.db.transaction(async (transaction) => {
      const due = await Outbox.findAll({
        where: { status, next_attempt_at: { [Op.lte]: now } },
        attributes: ['id'],
        limit,
        transaction,
        ...(mysql ? { lock: transaction.LOCK.UPDATE, skipLocked: true } : {}),
      });
      if (!due.length) return 0;
      const [n] = await Outbox.update(
        {
          status: 'sending',
          claim: token,
          next_attempt_at: new Date(now.getTime() + leaseMs()),
          attempts: p.db.literal('attempts + 1') as unknown as number,
        },
        { where: { id: { [Op.in]: due.map((r) => r.id) } }, transaction },
      );
      return n;
    });
  }

  return {
    /** Due rows, leased to the caller: abandoned leases first, then queued ones. */
    async claim(limit: number): Promise<OutboxRow[]> {
      const token = randomUUID();
      const reclaimed = await retryDeadlocks(() => claimFrom('sending', limit, token));
      if (reclaimed < limit) await retryDeadlocks(() => claimFrom('queued', limit - reclaimed, token));
      return Outbox.findAll({ where: { claim: token, status: 'sending' }, raw: true });
    },
  };
}

export type Claims = ReturnType<typeof makeClaims>;
