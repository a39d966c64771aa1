import { randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import type { Platform } from '../../platform/platform';
import { WechatError, type Wechat } from '../../wechat';
import type { MpApi } from '../mp';
import type { NoticeModels } from './index';
import type { OutboxRow } from './models';
import { createRateGate } from './rate-gate';

export const PUMP_JOB = 'notices.pump';
export const SWEEP_JOB = 'notices.sweep';

const MAX_BATCH = 100;
const SENDERS_PER_PUMP = 40;
const PUMP_BUDGET_MS = 15_000;
const PUMP_SLOTS = 4;
const MAX_ATTEMPTS = 8;

type Outcome =
  | { row: OutboxRow; kind: 'sent'; msgid: string | null }
  | { row: OutboxRow; kind: 'retry'; at: Date; reason: string }
  | { row: OutboxRow; kind: 'failed'; reason: string; unfollowed?: boolean };

/** Errors that will answer the same however often we ask. */
const PERMANENT: Record<number, string> = {
  40003: '用户标识无效 (40003)',
  40037: '模板无效 (40037)',
  43004: '用户未关注公众号 (43004)',
  43101: '用户未授权订阅消息 (43101)',
  47003: '模板数据不合规 (47003)',
};

/** The next midnight in Beijing, when WeChat's daily quotas reset. */
export function nextBeijingMidnight(now = Date.now()): Date {
  const day = Math.floor((now + 8 * 3600_000) / 86_400_000) + 1;
  return new Date(day * 86_400_000 - 8 * 3600_000);
}

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
    const now = new Date();
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
        { status: 'sending', claim: token, next_attempt_at: new Date(now.getTime() + leaseMs()), attempts: p.db.literal('attempts + 1') as unknown as number },
        { where: { id: { [Op.in]: due.map((r) => r.id) } }, transaction },
      );
      return n;
    });
  }

  /** Due rows, leased to this pump: abandoned leases first, then queued ones. */
  async function claim(limit: number): Promise<OutboxRow[]> {
    const token = randomUUID();
    const reclaimed = await claimFrom('sending', limit, token);
    if (reclaimed < limit) await claimFrom('queued', limit - reclaimed, token);
    return Outbox.findAll({ where: { claim: token, status: 'sending' }, raw: true });
  }

  // The 45009 pause, read from the cache at most once a second per process.
  const pauses = new Map<string, { until: number; readAt: number }>();
  async function pausedUntil(channel: string): Promise<number> {
    const known = pauses.get(channel);
    if (known && Date.now() - known.readAt < 1000) return known.until;
    const until = Number(await p.cache.get(`notices:paused:${channel}`)) || 0;
    pauses.set(channel, { until, readAt: Date.now() });
    return until;
  }

  async function sendOne(row: OutboxRow): Promise<Outcome> {
    const paused = await pausedUntil(row.channel);
    if (paused > Date.now()) return { row, kind: 'retry', at: new Date(paused), reason: '已达微信当日发送上限，次日零点后重试 (45009)' };
    await gate.take();
    const payload = JSON.parse(row.payload);
    try {
      if (row.channel === 'mp_template') {
        const { msgid } = await wechat.mp.sendTemplate({ touser: row.openid, client_msg_id: row.client_msg_id, ...payload });
        return { row, kind: 'sent', msgid };
      }
      await wechat.mini.sendSubscribe({ touser: row.openid, ...payload });
      return { row, kind: 'sent', msgid: null };
    } catch (err) {
      const code = err instanceof WechatError ? err.errcode : -1;
      if (code === 45009) {
        const until = nextBeijingMidnight().getTime() + Math.floor(Math.random() * 60_000);
        await p.cache.set(`notices:paused:${row.channel}`, String(until), until - Date.now());
        pauses.set(row.channel, { until, readAt: Date.now() });
        return { row, kind: 'retry', at: new Date(until), reason: '已达微信当日发送上限，次日零点后重试 (45009)' };
      }
      if (PERMANENT[code]) return { row, kind: 'failed', reason: PERMANENT[code], unfollowed: code === 43004 };
      if (code === -1 || (err instanceof WechatError && [40001, 40014, 42001].includes(code))) {
        if (row.attempts >= MAX_ATTEMPTS) return { row, kind: 'failed', reason: `多次重试仍失败 (${code})` };
        const backoff = Math.min(2000 * 2 ** (row.attempts - 1), 10 * 60_000) * (0.75 + Math.random() * 0.5);
        return { row, kind: 'retry', at: new Date(Date.now() + backoff), reason: `微信暂时不可用，稍后重试 (${code})` };
      }
      return { row, kind: 'failed', reason: `微信拒绝发送 (${code})` };
    }
  }

  async function record(outcomes: Outcome[]) {
    const now = new Date();
    const sent = outcomes.filter((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent');
    if (sent.length) {
      // One statement for the batch: msgid by id; only rows still leased to us.
      const ids = sent.map((o) => Number(o.row.id));
      const cases = sent.map((o) => `WHEN ${Number(o.row.id)} THEN ${o.msgid === null ? 'NULL' : p.db.escape(o.msgid)}`).join(' ');
      await Outbox.update(
        { status: 'sent', msgid: p.db.literal(`CASE id ${cases} END`) as unknown as string, sent_at: now, reason: null },
        { where: { id: { [Op.in]: ids }, claim: sent[0].row.claim, status: 'sending' } },
      );
      const msgids = sent.map((o) => o.msgid).filter((m): m is string => m !== null);
      if (msgids.length) for (const r of await Receipt.findAll({ where: { msgid: { [Op.in]: msgids } }, raw: true })) await applyReceipt(r.msgid, r.status);
    }
    for (const o of outcomes) {
      const guard = { id: o.row.id, claim: o.row.claim, status: 'sending' as const };
      if (o.kind === 'retry') await Outbox.update({ status: 'queued', next_attempt_at: o.at, reason: o.reason, claim: null }, { where: guard });
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
      { status: 'cancelled', reason: '用户已取消关注', finished_at: new Date() },
      { where: { openid, channel: 'mp_template', status: 'queued' } },
    );
  }

  /** TEMPLATESENDJOBFINISH: matched by msgid; kept aside when it overtakes the send's record. */
  async function applyReceipt(msgid: string, status: string): Promise<boolean> {
    const ok = status === 'success';
    const changes = ok
      ? { status: 'delivered' as const, finished_at: new Date() }
      : { status: 'failed' as const, reason: status.includes('block') ? '用户拒收公众号消息' : '微信投递失败', finished_at: new Date() };
    const [n] = await Outbox.update(changes, { where: { msgid, status: 'sent' } });
    return n > 0;
  }

  async function receipt(msgid: string, status: string) {
    if (await applyReceipt(msgid, status)) return;
    // Write the receipt, then look again: the sender writes msgid, then looks for receipts.
    // Whichever comes second sees the other's write.
    await Receipt.bulkCreate([{ msgid, status, received_at: new Date() }], { ignoreDuplicates: true });
    await applyReceipt(msgid, status);
  }

  async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }));
    return out;
  }

  /** Sends a claimed batch, recording outcomes as they come (live counts; short leases suffice). */
  async function sendBatch(rows: OutboxRow[]) {
    const done: Outcome[] = [];
    let chain = Promise.resolve();
    const flush = () => {
      const chunk = done.splice(0);
      if (chunk.length) chain = chain.then(() => record(chunk)).catch((err) => log.error({ err }, 'could not record sends; the lease will hand them out again'));
      return chain;
    };
    const timer = setInterval(flush, 250);
    try {
      await mapLimit(rows, SENDERS_PER_PUMP, async (row) => {
        done.push(await sendOne(row));
        if (done.length >= 50) void flush();
      });
    } finally {
      clearInterval(timer);
      await flush();
    }
  }

  async function pump() {
    const started = Date.now();
    // About a quarter second of the shared rate per claim: a slow rate never strands a big batch.
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(p.config.notices.ratePerSec / 4)));
    while (Date.now() - started < PUMP_BUDGET_MS) {
      const rows = await claim(batch);
      if (!rows.length) return;
      if (rows.length === batch) await kick(PUMP_SLOTS); // plenty left: wake the other pumps
      await sendBatch(rows);
    }
    await kick(1); // budget spent: carry on in a fresh job
  }

  async function sweep() {
    const due = await Outbox.findOne({
      where: { status: { [Op.in]: ['queued', 'sending'] }, next_attempt_at: { [Op.lte]: new Date() } },
      attributes: ['id'],
    });
    if (due) await kick(PUMP_SLOTS);
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
