import { createMemo } from '../../../platform/cache';
import type { Platform } from '../../../platform/platform';
import type { Wechat } from '../../../wechat';
import type { OutboxRow } from '../models';
import { createRateGate } from '../rate-gate';
import { classifySendError } from './failures';
import type { Outcome } from './outcome';

/**
 * Sending one claimed row: a template message (with its client_msg_id, so a resend after a
 * crash is not delivered twice) or a subscribe message, under the rate shared by every worker,
 * unless the channel is paused for today's quota. Failures are classified, never thrown.
 */
export function makeSender(p: Platform, wechat: Wechat) {
  const gate = createRateGate(p.cache, 'notices:rate', () => p.config.notices.ratePerSec);
  // The 45009 pause, read from the cache at most once a second per process.
  const pauses = createMemo<number>(1000, 16);
  const pausedUntil = (channel: string) =>
    pauses.get(channel, async () => Number(await p.cache.get(`notices:paused:${channel}`)) || 0);

  return async function send(row: OutboxRow): Promise<Outcome> {
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
      const failure = classifySendError(err, row.attempts, p.clock.now());
      if (failure.kind !== 'pause') return { row, ...failure };
      await p.cache.set(`notices:paused:${row.channel}`, String(failure.until), failure.until - p.clock.now());
      pauses.set(row.channel, failure.until);
      return { row, kind: 'retry', at: new Date(failure.until), reason: failure.reason };
    }
  };
}

export type Send = ReturnType<typeof makeSender>;
