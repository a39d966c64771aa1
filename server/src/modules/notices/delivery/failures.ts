import { nextBeijingMidnight } from '../../../platform/clock';
import { templateSendResultOf, wechatErrorOf } from '../../../wechat';
import type { FailureClass } from './outcome';

/** Sends of one row before a transient failure becomes a technical one. */
export const MAX_ATTEMPTS = 8;

/** What to do about a send WeChat did not take. */
export type SendFailure =
  /** Out of today's quota: the whole channel waits for WeChat's day to turn, the row with it. */
  | { kind: 'pause'; until: number; reason: string }
  | { kind: 'retry'; at: Date; reason: string }
  | { kind: 'failed'; reason: string; failure: FailureClass; unfollowed?: boolean };

/**
 * A failed send, classified by the WeChat error catalogue: the user's side (not following,
 * no consent, a foreign openid) is a permanent failure; a busy WeChat or a stale token is
 * retried with backoff and becomes a technical failure after MAX_ATTEMPTS; a request WeChat
 * refuses (template, data, credentials) is a technical failure at once. What is not a WeChat
 * error at all is retried like a busy WeChat.
 */
export function classifySendError(err: unknown, attempts: number, now: number): SendFailure {
  const info = wechatErrorOf(err);
  const code = info?.errcode ?? -1;
  if (info?.retryAfter === 'next-beijing-day') {
    const until = nextBeijingMidnight(now).getTime() + Math.floor(Math.random() * 60_000);
    return { kind: 'pause', until, reason: `已达微信当日发送上限，次日零点后重试 (${code})` };
  }
  if (!info || info.class === 'transient' || info.class === 'token') {
    if (attempts >= MAX_ATTEMPTS) return { kind: 'failed', reason: `多次重试仍失败 (${code})`, failure: 'technical' };
    const backoff = Math.min(2000 * 2 ** (attempts - 1), 10 * 60_000) * (0.75 + Math.random() * 0.5);
    return { kind: 'retry', at: new Date(now + backoff), reason: `微信暂时不可用，稍后重试 (${code})` };
  }
  if (info.class === 'user')
    return {
      kind: 'failed',
      reason: `${info.reason} (${code})`,
      failure: 'permanent',
      unfollowed: info.condition === 'not-following',
    };
  const reason = info.condition === 'unknown' ? `微信拒绝发送 (${code})` : `${info.reason} (${code})`;
  return { kind: 'failed', reason, failure: 'technical' };
}

/** What a TEMPLATESENDJOBFINISH report means for its row. */
export function classifyReport(
  status: string,
): { delivered: true } | { delivered: false; reason: string; failure: FailureClass } {
  switch (templateSendResultOf(status)) {
    case 'delivered':
      return { delivered: true };
    case 'user-blocked':
      return { delivered: false, reason: '用户拒收公众号消息', failure: 'permanent' };
    default:
      return { delivered: false, reason: '微信投递失败', failure: 'temporary' };
  }
}
