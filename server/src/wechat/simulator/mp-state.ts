import { randomInt } from 'node:crypto';
import type { SimulatorState } from './state';

/** Where and how the simulator pushes messages, like the URL/Token/EncodingAESKey set in WeChat's console. */
export interface PushTarget {
  url: string;
  token: string;
  aesKey: string;
  appid: string;
  /** plain: XML in clear; compatible: clear fields plus Encrypt; safe: Encrypt only. */
  mode: 'plain' | 'compatible' | 'safe';
  /** TEMPLATESENDJOBFINISH arrives this long after the send (WeChat: seconds). */
  finishDelayMs?: number;
}

export interface SimFollower {
  openid: string;
  unionid?: string;
  subscribed: boolean;
  /** A user who blocked the account's messages: sends succeed, delivery reports `failed:user block`. */
  blocked?: boolean;
  /** WeChat cannot deliver to this user for now: sends succeed, delivery reports `failed: system failed`. */
  undeliverable?: boolean;
  tags: Set<number>;
}

const MSGID_BASE = 2n ** 53n + 1_000_003n;
/**
 * Where this simulator's msgids start: WeChat's msgids are unique across every send, and
 * simulators started in one test process share one database, so two starting at the same base
 * minted the same msgid and a later report was applied to an earlier server's row.
 */
const msgidStart = () => MSGID_BASE + BigInt(randomInt(2 ** 40)) * 4096n;
const CLIENT_MSG_TTL_MS = 10 * 60_000;

/**
 * The public account's and subscribe messages' memory, beside the shared SimulatorState
 * (one per state, so two simulators in one test process never mix their users).
 */
export class MpState {
  followers = new Map<string, SimFollower>();
  /** `${openid}:${template_id}` → acceptances left (requestSubscribeMessage on the phone). */
  consents = new Map<string, number>();
  clientMsgIds = new Map<string, { msgid: string; at: number }>();
  qrcodes = new Map<string, { scene: string; expiresAt?: number }>();
  menu: unknown = null;
  tags = new Map<number, string>();
  /** Delivered messages per openid, per kind: proof of "never twice". */
  delivered = { template: new Map<string, number>(), subscribe: new Map<string, number>() };
  /** Template-send calls per wall-clock second (epoch seconds → calls), to check rate limits. */
  templateCallsPerSecond = new Map<number, number>();
  /** Daily template sends allowed (WeChat: 100k by default). */
  templateQuota = 100_000;
  sentToday = new Map<string, number>();
  revokedTemplates = new Set<string>();
  push?: PushTarget;
  private nextMsgid = msgidStart();
  private nextTag = 100;

  constructor(
    readonly state: SimulatorState,
    readonly pushDefault?: () => PushTarget | undefined,
  ) {}

  /** Where pushes go now; none when that URL is not one pushes may go to. */
  target(): PushTarget | undefined {
    const target = this.push ?? this.pushDefault?.();
    return target && this.state.allowPushTo(new URL(target.url)) ? target : undefined;
  }

  reset(): void {
    for (const m of [this.followers, this.consents, this.clientMsgIds, this.qrcodes, this.tags, this.sentToday])
      m.clear();
    this.delivered.template.clear();
    this.delivered.subscribe.clear();
    this.templateCallsPerSecond.clear();
    this.revokedTemplates.clear();
    this.templateQuota = 100_000;
    this.menu = null;
    this.push = undefined;
  }

  follower(openid: string, unionid?: string): SimFollower {
    let f = this.followers.get(openid);
    if (!f) {
      f = { openid, unionid, subscribed: false, tags: new Set() };
      this.followers.set(openid, f);
    }
    if (unionid) f.unionid = unionid;
    return f;
  }

  mintMsgid(): string {
    this.nextMsgid += 1n + BigInt(Math.floor(Math.random() * 7));
    return this.nextMsgid.toString();
  }

  mintTagId(): number {
    return this.nextTag++;
  }

  /** A send with the same openid and client_msg_id within 10 minutes is the same message. */
  priorSend(openid: string, clientMsgId: string | undefined): string | undefined {
    if (!clientMsgId) return undefined;
    const hit = this.clientMsgIds.get(`${openid}:${clientMsgId}`);
    return hit && this.state.now() - hit.at < CLIENT_MSG_TTL_MS ? hit.msgid : undefined;
  }

  rememberSend(openid: string, clientMsgId: string | undefined, msgid: string): void {
    if (!clientMsgId) return;
    if (this.clientMsgIds.size > 500_000) {
      const cutoff = this.state.now() - CLIENT_MSG_TTL_MS;
      for (const [k, v] of this.clientMsgIds) if (v.at < cutoff) this.clientMsgIds.delete(k);
    }
    this.clientMsgIds.set(`${openid}:${clientMsgId}`, { msgid, at: this.state.now() });
  }

  /** Counts one template send against today's (Beijing) quota; false past it. */
  spendTemplateQuota(appid: string): boolean {
    const day = new Date(this.state.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const key = `${appid}:${day}`;
    const n = (this.sentToday.get(key) ?? 0) + 1;
    if (n > this.templateQuota) return false;
    this.sentToday.set(key, n);
    return true;
  }

  countTemplateCall(): void {
    const second = Math.floor(Date.now() / 1000);
    this.templateCallsPerSecond.set(second, (this.templateCallsPerSecond.get(second) ?? 0) + 1);
  }

  deliver(kind: 'template' | 'subscribe', openid: string): void {
    const m = this.delivered[kind];
    m.set(openid, (m.get(openid) ?? 0) + 1);
    this.state.countFor(openid, `delivered:${kind}`);
  }
}

const perState = new WeakMap<SimulatorState, MpState>();

export function mpStateOf(state: SimulatorState, pushDefault?: () => PushTarget | undefined): MpState {
  let mp = perState.get(state);
  if (!mp) {
    mp = new MpState(state, pushDefault);
    perState.set(state, mp);
  }
  return mp;
}
