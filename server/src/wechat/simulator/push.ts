/// <reference path="./wechat-crypto.d.ts" />
/**
 * Pushes messages to the developer's endpoint the way WeChat does: `?signature&timestamp&nonce
 * &openid` (+ `encrypt_type=aes&msg_signature` in safe and compatible mode), XML body, a
 * 5-second wait, 3 attempts in all. Encryption uses node-webot's `wechat-crypto`, an
 * implementation independent of ours.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import WXBizMsgCrypt from 'wechat-crypto';
import type { PushTarget } from './mp-state';

const cdata = (v: string) => `<![CDATA[${v.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;

export function toXml(fields: Record<string, string | number>): string {
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`)
    .join('')}</xml>`;
}

// Plain node:http with kept-alive connections: at thousands of pushes a second (the notices
// bench), fetch's per-request overhead made the simulator, not our server, the bottleneck.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

function post(url: string, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: 'POST',
        agent: agents[u.protocol as 'http:' | 'https:'],
        headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('push timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export interface PushResult {
  status: number;
  body: string;
  reply?: Record<string, string>;
}

/**
 * One push (one attempt) of a message as WeChat writes it (`xml`, in clear), signed and, unless
 * the target is in plain mode, encrypted for `target.appid`; returns the endpoint's answer
 * (decrypted when it encrypted it). Timestamps come from `now`: the simulator's clock.
 */
export async function pushXml(
  target: PushTarget,
  plain: string,
  now: () => number,
  opts: { timeoutMs?: number; openid?: string } = {},
): Promise<PushResult> {
  const timestamp = String(Math.floor(now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const signature = createHash('sha1').update([target.token, timestamp, nonce].sort().join('')).digest('hex');
  const qs = new URLSearchParams({ signature, timestamp, nonce, ...(opts.openid ? { openid: opts.openid } : {}) });
  let body = plain;
  const wx = target.mode === 'plain' ? undefined : new WXBizMsgCrypt(target.token, target.aesKey, target.appid);
  if (wx) {
    const encrypt = wx.encrypt(plain);
    qs.set('encrypt_type', 'aes');
    qs.set('msg_signature', wx.getSignature(timestamp, nonce, encrypt));
    const toUser = /<ToUserName>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/ToUserName>/.exec(plain);
    body =
      target.mode === 'safe'
        ? toXml({ ToUserName: toUser?.[1] ?? toUser?.[2] ?? '', Encrypt: encrypt })
        : `${plain.slice(0, -'</xml>'.length)}<Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  }
  const res = await post(`${target.url}?${qs}`, body, opts.timeoutMs ?? 5000);
  const text = res.text;
  let reply: Record<string, string> | undefined;
  if (res.status >= 200 && res.status < 300 && text.startsWith('<xml>')) {
    let xml = text;
    const enc = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(text)?.[1];
    if (wx && enc) xml = wx.decrypt(enc).message;
    reply = Object.fromEntries(
      [...xml.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)].map((m) => [m[1], m[2] ?? m[3]]),
    );
  }
  return { status: res.status, body: text, reply };
}

/** One push of flat fields (the public account's messages and events). */
export const pushOnce = (
  target: PushTarget,
  fields: Record<string, string | number>,
  now: () => number,
  opts: { timeoutMs?: number } = {},
): Promise<PushResult> => pushXml(target, toXml(fields), now, { ...opts, openid: String(fields.FromUserName ?? '') });

/** WeChat's persistence: up to 3 attempts when the endpoint fails or is slower than 5 s. */
export async function pushWithRetries(
  target: PushTarget,
  message: Record<string, string | number> | string,
  now: () => number,
): Promise<PushResult | undefined> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const r = await (typeof message === 'string' ? pushXml(target, message, now) : pushOnce(target, message, now));
      if (r.status < 500) return r;
    } catch {
      // timeout or connection refused: WeChat tries again
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  return undefined;
}
