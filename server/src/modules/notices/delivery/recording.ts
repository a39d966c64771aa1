import { Op } from 'sequelize';
import type { Platform } from '../../../platform/platform';
import type { NoticeModels } from '../index';
import type { Counting } from './counting';
import { retryDeadlocks } from './deadlocks';
import type { Outcome } from './outcome';
import type { Receipts } from './receipts';

/**
 * Recording outcomes on the rows, only on rows still leased to the pump that sent them (a row
 * whose lease ran out belongs to whoever claimed it since): `sent` with the exact msgid,
 * `queued` again for a retry, `failed` with its reason and failure class.
 */
export function makeRecording(
  p: Platform,
  { Outbox }: NoticeModels,
  receipts: Receipts,
  unfollowed: (openid: string) => Promise<void>,
  counting: Counting,
) {
  const log = p.logger.child({ part: 'notices.recording' });

  async function record(outcomes: Outcome[]) {
    const now = p.clock.date();
    const sent = outcomes.filter((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent');
    // One statement per claim and channel: msgid by id; only rows still leased to us. The rows
    // it changed are counted for the statistics in the same transaction.
    const byClaim = new Map<string, typeof sent>();
    for (const o of sent) {
      const key = `${o.row.claim}|${o.row.channel}`;
      byClaim.set(key, [...(byClaim.get(key) ?? []), o]);
    }
    for (const group of byClaim.values()) {
      const ids = group.map((o) => Number(o.row.id));
      const cases = group
        .map((o) => `WHEN ${Number(o.row.id)} THEN ${o.msgid === null ? 'NULL' : p.db.escape(o.msgid)}`)
        .join(' ');
      await retryDeadlocks(() =>
        p.db.transaction(async (transaction) => {
          const [changed] = await Outbox.update(
            {
              status: 'sent',
              msgid: p.db.literal(`CASE id ${cases} END`) as unknown as string,
              sent_at: now,
              reason: null,
            },
            { where: { id: { [Op.in]: ids }, claim: group[0].row.claim, status: 'sending' }, transaction },
          );
          await counting.count(transaction, group[0].row.channel, 'sent', changed);
        }),
      );
    }
    // Reports that arrived before these records were kept aside: apply them now.
    await receipts.applyKeptFor(sent.map((o) => o.msgid).filter((m): m is string => m !== null));
    for (const o of outcomes) {
      const guard = { id: o.row.id, claim: o.row.claim, status: 'sending' as const };
      if (o.kind === 'retry')
        await Outbox.update(
          { status: 'queued', next_attempt_at: o.at, reason: o.reason, claim: null },
          { where: guard },
        );
      if (o.kind === 'failed') {
        await p.db.transaction(async (transaction) => {
          const [changed] = await Outbox.update(
            { status: 'failed', reason: o.reason, failure_class: o.failure, finished_at: now, claim: null },
            { where: guard, transaction },
          );
          await counting.count(transaction, o.row.channel, 'failed', changed);
        });
        if (o.unfollowed) await unfollowed(o.row.openid);
      }
    }
  }

  /** Records outcomes as they come, a statement per chunk (live counts; short leases suffice). */
  function recorder() {
    const done: Outcome[] = [];
    let chain = Promise.resolve();
    const flush = () => {
      const chunk = done.splice(0);
      if (chunk.length)
        chain = chain
          .then(() => record(chunk))
          .catch((err) => log.error({ err }, 'could not record sends; the lease will hand them out again'));
      return chain;
    };
    const timer = setInterval(flush, 250);
    return {
      add(o: Outcome) {
        done.push(o);
        if (done.length >= 100) void flush();
      },
      async close() {
        clearInterval(timer);
        await flush();
      },
    };
  }

  return { record, recorder };
}

export type Recording = ReturnType<typeof makeRecording>;
