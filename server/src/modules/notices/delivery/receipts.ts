import { Op } from 'sequelize';
import type { Platform } from '../../../platform/platform';
import type { NoticeModels } from '../index';
import type { Counting } from './counting';
import { retryDeadlocks } from './deadlocks';
import { classifyReport } from './failures';
import type { FailureClass } from './outcome';

const RECEIPT_BATCH = 200;
const RECEIPT_WAIT_MS = 20;

export interface Report {
  msgid: string;
  status: string;
}

/**
 * Receipts: TEMPLATESENDJOBFINISH reports, pushed by WeChat a while after each send, applied
 * by msgid to rows that are `sent`. They arrive one push at a time, up to the send rate, and
 * are applied a batch at a time. A report that overtakes the record of its send (or cannot be
 * applied now) is kept in `notice_receipts`; the sender looks for kept reports after writing
 * msgids, and the sweeper applies what is left.
 */
export function makeReceipts(p: Platform, { Outbox, Receipt }: NoticeModels, counting: Counting) {
  const log = p.logger.child({ part: 'notices.receipts' });

  /** Applies reports to their `sent` rows; returns the reports that found none. */
  async function apply(list: Report[]): Promise<Report[]> {
    if (!list.length) return [];
    const rows = await Outbox.findAll({
      where: { msgid: { [Op.in]: list.map((r) => r.msgid) }, status: 'sent' },
      attributes: ['id', 'msgid'],
      raw: true,
    });
    const ids = new Map<string, number[]>();
    for (const r of rows) ids.set(r.msgid!, [...(ids.get(r.msgid!) ?? []), Number(r.id)]);
    const now = p.clock.date();
    // One statement per kind of result: delivered, or failed with a given reason and class.
    const groups = new Map<string, { rowIds: number[]; failed?: { reason: string; failure: FailureClass } }>();
    for (const r of list) {
      const result = classifyReport(r.status);
      const key = result.delivered ? 'delivered' : `${result.failure}:${result.reason}`;
      const group = groups.get(key) ?? { rowIds: [], ...(result.delivered ? {} : { failed: result }) };
      group.rowIds.push(...(ids.get(r.msgid) ?? []));
      groups.set(key, group);
    }
    for (const { rowIds, failed } of groups.values()) {
      if (!rowIds.length) continue;
      const changes = failed
        ? { status: 'failed' as const, reason: failed.reason, failure_class: failed.failure, finished_at: now }
        : { status: 'delivered' as const, finished_at: now };
      // Delivery reports are TEMPLATESENDJOBFINISH: template messages only.
      await retryDeadlocks(() =>
        p.db.transaction(async (transaction) => {
          const [changed] = await Outbox.update(changes, {
            where: { id: { [Op.in]: rowIds }, status: 'sent' },
            transaction,
          });
          await counting.count(transaction, 'mp_template', failed ? 'failed' : 'delivered', changed);
        }),
      );
    }
    return list.filter((r) => !ids.has(r.msgid));
  }

  const keep = (reports: Report[]) =>
    Receipt.bulkCreate(
      reports.map((r) => ({ msgid: r.msgid, status: r.status, received_at: p.clock.date() })),
      { ignoreDuplicates: true },
    );

  const incoming: Array<Report & { settle: (err?: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;
  async function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = incoming.splice(0);
    if (!batch.length) return;
    try {
      const early = await apply(batch);
      if (early.length) {
        // Keep them, then look again: the sender writes msgid, then looks for receipts.
        // Whichever comes second sees the other's write.
        await keep(early);
        await apply(early);
      }
      for (const r of batch) r.settle();
    } catch (err) {
      // Kept aside, the sweeper applies them: WeChat may not push a report again.
      log.warn({ err, reports: batch.length }, 'could not apply delivery reports now; kept for the sweeper');
      try {
        await keep(batch);
        for (const r of batch) r.settle();
      } catch (again) {
        for (const r of batch) r.settle(again);
      }
    }
  }

  return {
    apply,

    /** Kept reports for msgids just recorded as sent (the other half of the race above). */
    async applyKeptFor(msgids: string[]) {
      if (!msgids.length) return;
      await apply(
        await Receipt.findAll({ where: { msgid: { [Op.in]: msgids } }, attributes: ['msgid', 'status'], raw: true }),
      );
    },

    /** One delivery report; resolves once it is stored (the push endpoint then acknowledges it). */
    receipt(msgid: string, status: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        incoming.push({ msgid, status, settle: (err) => (err ? reject(err) : resolve()) });
        if (incoming.length >= RECEIPT_BATCH) void flush();
        else timer ??= setTimeout(() => void flush(), RECEIPT_WAIT_MS);
      });
    },

    /** Reports kept aside whose send has since been recorded (a safety net for missed races and failures). */
    async applyKept() {
      const [kept] = await p.db.query(
        `SELECT r.msgid AS msgid, r.status AS status FROM notice_receipts r JOIN notice_outbox o ON o.msgid = r.msgid WHERE o.status = 'sent' LIMIT 1000`,
      );
      const list = kept as Report[];
      await apply(list);
      if (list.length) await Receipt.destroy({ where: { msgid: { [Op.in]: list.map((r) => r.msgid) } } });
      // Reports for msgids that never became ours: kept a day, then dropped.
      await Receipt.destroy({ where: { received_at: { [Op.lt]: new Date(p.clock.now() - 86_400_000) } } });
    },
  };
}

export type Receipts = ReturnType<typeof makeReceipts>;
