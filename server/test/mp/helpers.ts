/// <reference path="../../src/wechat/simulator/wechat-crypto.d.ts" />
import { createHash, randomBytes } from 'node:crypto';
import WXBizMsgCrypt from 'wechat-crypto';
import request from 'supertest';
import { loadConfig } from '../../../config';
import { testEnv } from '../../../test/support/env';

/** Builds pushes exactly as WeChat would, encrypting with node-webot's wechat-crypto (not our code). */
export function wechatSide(opts: { appid?: string; token?: string } = {}) {
  const { mp } = loadConfig(testEnv()).wechat;
  const token = opts.token ?? mp.token;
  const wx = new WXBizMsgCrypt(token, mp.aesKey, opts.appid ?? mp.appid);
  const sign = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
  const xml = (f: Record<string, string | number>) =>
    `<xml>${Object.entries(f)
      .map(([k, v]) => `<${k}>${typeof v === 'number' ? v : `<![CDATA[${v}]]>`}</${k}>`)
      .join('')}</xml>`;
  /** A timestamp (now, or `at` seconds since the epoch) and a fresh nonce. */
  const stamp = (at?: number) => ({
    timestamp: String(at ?? Math.floor(Date.now() / 1000)),
    nonce: randomBytes(5).toString('hex'),
  });

  /** A safe-mode push as WeChat sends it: `<Encrypt>` only, `msg_signature` over token/timestamp/nonce/Encrypt. */
  const safePush = (
    inner: string,
    o: { badSignature?: boolean; outer?: (enc: string) => string; at?: number } = {},
  ) => {
    const { timestamp, nonce } = stamp(o.at);
    const encrypt = wx.encrypt(inner);
    const msgSignature = o.badSignature
      ? sign('nope', timestamp, nonce, encrypt)
      : sign(token, timestamp, nonce, encrypt);
    const body = o.outer ? o.outer(encrypt) : xml({ ToUserName: 'gh_test', Encrypt: encrypt });
    const query = {
      signature: sign(token, timestamp, nonce),
      timestamp,
      nonce,
      openid: 'x',
      encrypt_type: 'aes',
      msg_signature: msgSignature,
    };
    return { query, body };
  };
  /** Sends a push (again: a replay is the very same request). */
  const send = (url: string, push: { query: Record<string, string>; body: string }, path = mp.pushPath) =>
    request(url).post(path).query(push.query).type('text/xml').send(push.body);

  return {
    mp,
    xml,
    wx,
    /** Plain mode: XML in clear, `signature` over token/timestamp/nonce. */
    plain(url: string, body: string, path = mp.pushPath, at?: number) {
      const { timestamp, nonce } = stamp(at);
      return request(url)
        .post(path)
        .query({ signature: sign(token, timestamp, nonce), timestamp, nonce, openid: 'x' })
        .type('text/xml')
        .send(body);
    },
    safePush,
    send,
    /** Safe mode, sent at once. */
    safe(url: string, inner: string, o: { badSignature?: boolean; outer?: (enc: string) => string; at?: number } = {}) {
      return send(url, safePush(inner, o));
    },
    /** Reads an encrypted reply back with wechat-crypto, checking its signature. */
    open(replyXml: string): Record<string, string> {
      const get = (tag: string, x: string) =>
        new RegExp(`<${tag}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${tag}>`).exec(x);
      const enc = get('Encrypt', replyXml)![1];
      const ts = get('TimeStamp', replyXml)!;
      const nonce = get('Nonce', replyXml)!;
      const sig = get('MsgSignature', replyXml)!;
      if (wx.getSignature(ts[1] ?? ts[2], nonce[1] ?? nonce[2], enc) !== (sig[1] ?? sig[2]))
        throw new Error('reply signature mismatch');
      const { message, id } = wx.decrypt(enc);
      if (id !== mp.appid) throw new Error('reply appid mismatch');
      return Object.fromEntries(
        [...message.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)]
          .filter((m) => m[1] !== 'xml')
          .map((m) => [m[1], m[2] ?? m[3]]),
      );
    },
    sign,
    stamp,
  };
}

export const event = (openid: string, fields: Record<string, string>) => ({
  ToUserName: 'gh_test',
  FromUserName: openid,
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  ...fields,
});
