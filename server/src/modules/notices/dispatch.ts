import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { createMemo } from '../../platform/cache';
import { nextBeijingMidnight } from '../../platform/clock';
import { isSqlite } from '../../platform/db';
import type { Platform } from '../../platform/platform';
import { WechatError, type Wechat } from '../../wechat';
import type { MpApi } from '../mp';
import type { NoticeModels } from './index';
import type { OutboxRow } from './models';
import { createRateGate } from './rate-gate';

export const PUMP_JOB = 'notices.pump';
export const SWEEP_JOB = 'notices.sweep';

const MAX_BATCH = 500;
const MIN_SENDERS = 4;
const MAX_SENDERS = 100;
/** Rows whose lease ends sooner than this are not sent by the pump that claimed them. */
const LEASE_MARGIN_MS = 1000;
const PUMP_BUDGET_MS = 15_000;
const PUMP_SLOTS = 4;
const MAX_ATTEMPTS = 8;

type Outcome =
  | { row: OutboxRow; kind: 'sent'; msgid: string | null }
  | { row: OutboxRow; kind: 'retry'; at: Date; reason: string }
  | { row: OutboxRow; kind: 'failed'; reason: string; unfollowed?: boolean };

const RECEIPT_BATCH = 200;
const RECEIPT_WAIT_MS = 20;

/** MySQL picks a victim when claims, records and receipts cross on the same rows: do it again. */
async function retryDeadlocks<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { parent?: { code?: string } }).parent?.code;
      if (i >= attempts || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.random() * 20));
    }
  }
}

/** Errors that will answer the same however often we ask. */
const PERMANENT: Record<number, string> = {
  40003: '用户标识无效 (40003)',
  40037: '模板无效 (40037)',
  43004: '用户未关注公众号 (43004)',
  43101: '用户未授权订阅消息 (43101)',
  47003: '模板数据不合规 (47003)',
};

/**
 * Works the outbox. Pumps (jobs on the queue, any number of workers) claim due rows with a
 * lease, send each through the shared rate gate, and record the outcome. A worker that dies
 * mid-batch leaves rows whose lease runs out; another pump takes them again and resends with
 * the same client_msg_id, which WeChat answers with the original msgid instead of a second
 * message. The sweeper wakes pumps for retries and abandoned leases.
 */
export function makeDispatcher(p: Platform, wechat: Wechat, { Outbox, Receipt }: NoticeModels, mp: MpApi) {
  const gate = createRateGate(p.cache, 'notices:rate', () => p.config.notices.ratePerSec);
  const leaseMs = () => p.config.notices.leaseMs;
  const mysql = !isSqlite(p.db);
  const log = p.logger.child({ part: 'notices.dispatch' });

  async function kick(slots = 1) {
    const second = Math.floor(Date.now() / 1000);
    for (let slot = 0; slot < slots; slot++) await p.jobs.enqueue(PUMP_JOB, {}, { jobId: `pump-${slot}-${second}` });
  }

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

  /** Due rows, leased to this pump: abandoned leases first, then queued ones. */
  async function claim(limit: number): Promise<OutboxRow[]> {
    const token = randomUUID();
    const reclaimed = await retryDeadlocks(() => claimFrom('sending', limit, token));
    if (reclaimed < limit) await retryDeadlocks(() => claimFrom('queued', limit - reclaimed, token));
    return Outbox.findAll({ where: { claim: token, status: 'sending' }, raw: true });
  }

  // The 45009 pause, read from the cache at most once a second per process.
  const pauses = createMemo<number>(1000, 16);
  const pausedUntil = (channel: string) =>
    pauses.get(channel, async () => Number(await p.cache.get(`notices:paused:${channel}`)) || 0);

  async function sendOne(row: OutboxRow): Promise<Outcome> {
    const paused = await pausedUntil(row.channel);
    if (paused > p.clock.now())
      return { row, kind: 'retry', at: new Date(paused), reason: '已达微信当日发送上限，次日零点后重试 (45009)' };
    await gate.take();
    const payload = JSON.parse(row.payload);
    try {
      if (row.channel === 'mp_template') {
        const { msgid } = await wechat.mp.sendTemplate({
          touser: row.openid,
          client_msg_id: row.client_msg_id,
          ...payload,
        });
        return { row, kind: 'sent', msgid };
      }
      await wechat.mini.sendSubscribe({ touser: row.openid, ...payload });
      return { row, kind: 'sent', msgid: null };
    } catch (err) {
      const code = err instanceof WechatError ? err.errcode : -1;
      if (code === 45009) {
        const until = nextBeijingMidnight(p.clock.now()).getTime() + Math.floor(Math.random() * 60_000);
        await p.cache.set(`notices:paused:${row.channel}`, String(until), until - p.clock.now());
        pauses.set(row.channel, until);
        return { row, kind: 'retry', at: new Date(until), reason: '已达微信当日发送上限，次日零点后重试 (45009)' };
      }
      if (PERMANENT[code]) return { row, kind: 'failed', reason: PERMANENT[code], unfollowed: code === 43004 };
      if (code === -1 || (err instanceof WechatError && [40001, 40014, 42001].includes(code))) {
        if (row.attempts >= MAX_ATTEMPTS) return { row, kind: 'failed', reason: `多次重试仍失败 (${code})` };
        const backoff = Math.min(2000 * 2 ** (row.attempts - 1), 10 * 60_000) * (0.75 + Math.random() * 0.5);
        return {
          row,
          kind: 'retry',
          at: new Date(p.clock.now() + backoff),
          reason: `微信暂时不可用，稍后重试 (${code})`,
        };
      }
      return { row, kind: 'failed', reason: `微信拒绝发送 (${code})` };
    }
  }

  async function record(outcomes: Outcome[]) {
    const now = p.clock.date();
    const sent = outcomes.filter((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent');
    // One statement per claim: msgid by id; only rows still leased to us.
    const byClaim = new Map<string | null, typeof sent>();
    for (const o of sent) byClaim.set(o.row.claim, [...(byClaim.get(o.row.claim) ?? []), o]);
    for (const group of byClaim.values()) {
      const ids = group.map((o) => Number(o.row.id));
      const cases = group
        .map((o) => `WHEN ${Number(o.row.id)} THEN ${o.msgid === null ? 'NULL' : p.db.escape(o.msgid)}`)
        .join(' ');
      await retryDeadlocks(() =>
        Outbox.update(
          {
            status: 'sent',
            msgid: p.db.literal(`CASE id ${cases} END`) as unknown as string,
            sent_at: now,
            reason: null,
          },
          { where: { id: { [Op.in]: ids }, claim: group[0].row.claim, status: 'sending' } },
        ),
      );
    }
    if (sent.length) {
      const msgids = sent.map((o) => o.msgid).filter((m): m is string => m !== null);
      if (msgids.length)
        await applyReceipts(
          await Receipt.findAll({ where: { msgid: { [Op.in]: msgids } }, attributes: ['msgid', 'status'], raw: true }),
        );
    }
    for (const o of outcomes) {
      const guard = { id: o.row.id, claim: o.row.claim, status: 'sending' as const };
      if (o.kind === 'retry')
        await Outbox.update(
          { status: 'queued', next_attempt_at: o.at, reason: o.reason, claim: null },
          { where: guard },
        );
      if (o.kind === 'failed') {
        await Outbox.update({ status: 'failed', reason: o.reason, finished_at: now, claim: null }, { where: guard });
        if (o.unfollowed) await unfollowed(o.row.openid);
      }
    }
  }

  /** The user no longer follows: nothing more goes out to them through the account. */
  async function unfollowed(openid: string) {
    await mp.subscribers.unfollowed(openid);
    await Outbox.update(
      { status: 'cancelled', reason: '用户已取消关注', finished_at: p.clock.date() },
      { where: { openid, channel: 'mp_template', status: 'queued' } },
    );
  }

  /**
   * TEMPLATESENDJOBFINISH reports, applied by msgid to rows that are `sent`; returns the reports
   * that found none (they overtook the send's record, or the msgid is not ours).
   */
  async function applyReceipts(
    list: Array<{ msgid: string; status: string }>,
  ): Promise<Array<{ msgid: string; status: string }>> {
    if (!list.length) return [];
    const rows = await Outbox.findAll({
      where: { msgid: { [Op.in]: list.map((r) => r.msgid) }, status: 'sent' },
      attributes: ['id', 'msgid'],
      raw: true,
    });
    const ids = new Map<string, number[]>();
    for (const r of rows) ids.set(r.msgid!, [...(ids.get(r.msgid!) ?? []), Number(r.id)]);
    const now = p.clock.date();
    const groups = { delivered: [] as number[], blocked: [] as number[], failed: [] as number[] };
    for (const r of list) {
      const kind = r.status === 'success' ? 'delivered' : r.status.includes('block') ? 'blocked' : 'failed';
      groups[kind].push(...(ids.get(r.msgid) ?? []));
    }
    for (const [kind, rowIds] of Object.entries(groups)) {
      if (!rowIds.length) continue;
      const changes =
        kind === 'delivered'
          ? { status: 'delivered' as const, finished_at: now }
          : {
              status: 'failed' as const,
              reason: kind === 'blocked' ? '用户拒收公众号消息' : '微信投递失败',
              finished_at: now,
            };
      await retryDeadlocks(() => Outbox.update(changes, { where: { id: { [Op.in]: rowIds }, status: 'sent' } }));
    }
    return list.filter((r) => !ids.has(r.msgid));
  }

  // Reports arrive one push at a time, up to the send rate: they are applied a batch at a time.
  const incoming: Array<{ msgid: string; status: string; settle: (err?: unknown) => void }> = [];
  let receiptTimer: NodeJS.Timeout | null = null;
  async function flushReceipts() {
    if (receiptTimer) clearTimeout(receiptTimer);
    receiptTimer = null;
    const batch = incoming.splice(0);
    if (!batch.length) return;
    try {
      const early = await applyReceipts(batch);
      if (early.length) {
        // Keep them, then look again: the sender writes msgid, then looks for receipts.
        // Whichever comes second sees the other's write.
        await Receipt.bulkCreate(
          early.map((r) => ({ msgid: r.msgid, status: r.status, received_at: p.clock.date() })),
          { ignoreDuplicates: true },
        );
        await applyReceipts(early);
      }
      for (const r of batch) r.settle();
    } catch (err) {
      // Kept aside, the sweeper applies them: WeChat may not push a report again.
      log.warn({ err, reports: batch.length }, 'could not apply delivery reports now; kept for the sweeper');
      try {
        await Receipt.bulkCreate(
          batch.map((r) => ({ msgid: r.msgid, status: r.status, received_at: p.clock.date() })),
          { ignoreDuplicates: true },
        );
        for (const r of batch) r.settle();
      } catch (again) {
        for (const r of batch) r.settle(again);
      }
    }
  }

  /** Reports kept aside whose send has since been recorded (a safety net for missed races and failures). */
  async function applyKeptReceipts() {
    const [kept] = await p.db.query(
      `SELECT r.msgid AS msgid, r.status AS status FROM notice_receipts r JOIN notice_outbox o ON o.msgid = r.msgid WHERE o.status = 'sent' LIMIT 1000`,
    );
    const list = kept as Array<{ msgid: string; status: string }>;
    await applyReceipts(list);
    if (list.length) await Receipt.destroy({ where: { msgid: { [Op.in]: list.map((r) => r.msgid) } } });
    // Reports for msgids that never became ours: kept a day, then dropped.
    await Receipt.destroy({ where: { received_at: { [Op.lt]: new Date(p.clock.now() - 86_400_000) } } });
  }

  /** One delivery report; resolves once it is stored (the push endpoint then acknowledges it). */
  function receipt(msgid: string, status: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      incoming.push({ msgid, status, settle: (err) => (err ? reject(err) : resolve()) });
      if (incoming.length >= RECEIPT_BATCH) void flushReceipts();
      else receiptTimer ??= setTimeout(() => void flushReceipts(), RECEIPT_WAIT_MS);
    });
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

  /**
   * One pump: senders take rows from a local queue that is topped up by the next claim while
   * the current rows are still going out, so the senders never wait for a claim, a batch's
   * slowest send or the recording of outcomes. How many senders: enough to keep the shared
   * rate busy while each WeChat call takes its round trip (1/20 s of the rate per pump, and
   * several pumps run at once).
   */
  async function pump() {
    const started = Date.now();
    const rate = p.config.notices.ratePerSec;
    // About a quarter second of the shared rate per claim: a slow rate never strands a big batch.
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(rate / 4)));
    const senders = Math.max(MIN_SENDERS, Math.min(MAX_SENDERS, Math.ceil(rate / 20)));
    const queue: OutboxRow[] = [];
    let claiming: Promise<void> | null = null;
    let drained = false; // the outbox had fewer due rows than we asked for
    let failed: unknown = null;
    const outcomes = recorder();
    const budgetLeft = () => Date.now() - started < PUMP_BUDGET_MS;

    const refill = (): Promise<void> | null => {
      if (claiming || drained || failed || !budgetLeft()) return claiming;
      claiming = claim(batch)
        .then(async (rows) => {
          queue.push(...rows);
          if (rows.length < batch) drained = true;
          else await kick(PUMP_SLOTS); // plenty left: wake the other pumps
        })
        .catch((err) => {
          failed = err;
        })
        .finally(() => {
          claiming = null;
        });
      return claiming;
    };

    await Promise.all(
      Array.from({ length: senders }, async () => {
        for (;;) {
          if (queue.length <= senders) void refill(); // claim ahead
          const row = queue.shift();
          if (!row) {
            const pending = claiming ?? refill();
            if (!pending) return;
            await pending;
            continue;
          }
          // A row that waited here past its lease may be another pump's now: leave it to them.
          if (new Date(row.next_attempt_at).getTime() - p.clock.now() < LEASE_MARGIN_MS) continue;
          outcomes.add(await sendOne(row));
        }
      }),
    );
    await outcomes.close();
    if (failed) throw failed;
    if (!drained) await kick(1); // budget spent: carry on in a fresh job
  }

  async function sweep() {
    const due = await Outbox.findOne({
      where: { status: { [Op.in]: ['queued', 'sending'] }, next_attempt_at: { [Op.lte]: p.clock.date() } },
      attributes: ['id'],
    });
    if (due) await kick(PUMP_SLOTS);
    await applyKeptReceipts();
  }

  p.jobs.define(PUMP_JOB, async () => pump(), { concurrency: 2 });
  p.jobs.define(SWEEP_JOB, async () => sweep());

  return {
    /** Wakes a pump once the transaction that queued rows commits (now, without one). */
    kickAfter(transaction?: Transaction) {
      const go = () => void kick().catch((err) => log.warn({ err }, 'could not wake a notice pump; the sweeper will'));
      if (transaction) transaction.afterCommit(go);
      else go();
    },
    kick,
    receipt,
    unfollowed,
    /** Schedules the sweeper (every 2 s, on one worker). */
    async schedule() {
      await p.jobs.every(SWEEP_JOB, 2000);
    },
  };
}

export type Dispatcher = ReturnType<typeof makeDispatcher>;
