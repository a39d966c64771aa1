import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { event, wechatSide } from './helpers';

describe('WeChat pushes messages to the public account endpoint (safe mode, the default)', () => {
  let s: TestServer;
  const w = wechatSide();
  const clicks: string[] = [];
  const openid = () => `o_push_${randomBytes(5).toString('hex')}`;

  before(async () => {
    s = await startServer();
    s.app.modules.mp.push.on('event:CLICK', async (m) => {
      clicks.push(m.EventKey);
    });
  });
  after(async () => s.close());

  it('answers the console verification with echostr, and 401 to a forged one', async () => {
    const { timestamp, nonce } = w.stamp();
    const ok = await request(s.url)
      .get(w.mp.pushPath)
      .query({ signature: w.sign(w.mp.token, timestamp, nonce), timestamp, nonce, echostr: 'hello123' })
      .expect(200);
    assert.equal(ok.text, 'hello123');
    await request(s.url)
      .get(w.mp.pushPath)
      .query({ signature: 'f'.repeat(40), timestamp, nonce, echostr: 'x' })
      .expect(401);
    await request(s.url).get(w.mp.pushPath).query({ timestamp, nonce, echostr: 'x' }).expect(401);
    // A verification URL seen once does not work for ever.
    const old = w.stamp(Math.floor(Date.now() / 1000) - 3600);
    await request(s.url)
      .get(w.mp.pushPath)
      .query({ signature: w.sign(w.mp.token, old.timestamp, old.nonce), ...old, echostr: 'x' })
      .expect(401);
  });

  it('decrypts a safe-mode message made by wechat-crypto and replies encrypted', async () => {
    await s.app.platform.db.query(
      "INSERT INTO mp_replies (keywords, question, answer, enabled, created_at, updated_at) VALUES ('结婚材料,结婚', '结婚登记需要什么材料？', '双方身份证、户口簿和本人签字的声明书。', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    );
    const o = openid();
    const res = await w
      .safe(
        s.url,
        w.xml({
          ToUserName: 'gh_test',
          FromUserName: o,
          CreateTime: 1,
          MsgType: 'text',
          Content: '请问结婚材料有哪些',
          MsgId: '3717005636572528642',
        }),
      )
      .expect(200);
    const reply = w.open(res.text);
    assert.equal(reply.ToUserName, o);
    assert.equal(reply.MsgType, 'text');
    assert.match(reply.Content, /身份证/);
  });

  it('falls back to a link into the mini-program when no keyword matches', async () => {
    const res = await w
      .safe(
        s.url,
        w.xml({
          ToUserName: 'gh_test',
          FromUserName: openid(),
          CreateTime: 1,
          MsgType: 'text',
          Content: '今天天气怎么样',
          MsgId: '3717005636572528650',
        }),
      )
      .expect(200);
    assert.match(w.open(res.text).Content, /data-miniprogram-appid="wx/);
  });

  it('takes its mode from configuration, not from the request: a plain push is refused, however well signed', async () => {
    const before = clicks.length;
    const inner = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'plain-in-safe-mode' }));
    const refused = await w.plain(s.url, inner).expect(401);
    assert.equal(refused.text, 'encrypted pushes only');
    // A compatible-mode body (clear fields plus Encrypt) without encrypt_type: the clear part is not read.
    const { query, body } = w.safePush(inner, {
      outer: (enc) => inner.replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`),
    });
    const { encrypt_type: _type, msg_signature: _sig, ...plainQuery } = query;
    await w.send(s.url, { query: plainQuery, body }).expect(401);
    assert.equal(clicks.length, before);
    // The same message, encrypted as the configuration says, is taken.
    await w.safe(s.url, inner).expect(200);
    assert.equal(clicks.length, before + 1);
  });

  it('refuses pushes stamped outside the window (5 minutes either way)', async () => {
    const before = clicks.length;
    const now = Math.floor(Date.now() / 1000);
    const click = (key: string) => w.xml(event(openid(), { Event: 'CLICK', EventKey: key }));
    const late = await w.safe(s.url, click('six-minutes-old'), { at: now - 360 }).expect(401);
    assert.equal(late.text, 'timestamp outside the accepted window');
    await w.safe(s.url, click('six-minutes-ahead'), { at: now + 360 }).expect(401);
    await w
      .send(s.url, { ...w.safePush(click('no-time')), query: { ...w.safePush(click('x')).query, timestamp: 'soon' } })
      .expect(401);
    assert.equal(clicks.length, before);
    await w.safe(s.url, click('four-minutes-old'), { at: now - 240 }).expect(200);
    assert.deepEqual(clicks.slice(before), ['four-minutes-old']);
  });

  it('refuses a genuine encrypted push replayed after the window, and handles it once within it', async () => {
    const key = `captured-${randomBytes(4).toString('hex')}`;
    const captured = w.safePush(w.xml(event(openid(), { Event: 'CLICK', EventKey: key })));
    await w.send(s.url, captured).expect(200);
    // Replayed within the window (as WeChat's own retries are): acknowledged, not handled again.
    await w.send(s.url, captured).expect(200);
    assert.equal(clicks.filter((k) => k === key).length, 1);
    const clock = s.app.platform.clock;
    clock.advance(6 * 60_000);
    try {
      const replay = await w.send(s.url, captured).expect(401);
      assert.equal(replay.text, 'timestamp outside the accepted window');
    } finally {
      clock.advance(-6 * 60_000);
    }
    assert.equal(clicks.filter((k) => k === key).length, 1);
  });

  it('keeps a push’s dedupe mark for as long as its timestamp could be accepted', async () => {
    // Stamped 4 minutes ahead of our clock (WeChat's clock runs fast): acceptable until 9 minutes from now.
    const msgId = '3717005636572500002';
    const ahead = Math.floor(Date.now() / 1000) + 240;
    await w
      .safe(
        s.url,
        w.xml({
          ToUserName: 'gh_test',
          FromUserName: openid(),
          CreateTime: ahead,
          MsgType: 'text',
          Content: '你好',
          MsgId: msgId,
        }),
        { at: ahead },
      )
      .expect(200);
    const ttl = await s.app.platform.cache.ttl(`wx:push:${w.mp.appid}:msg:${msgId}`);
    assert.ok(ttl > 9 * 60_000 - 5000, `the mark outlives the window (${ttl} ms left)`);
  });

  it('refuses bad signatures, a foreign appid and garbage ciphertext before handling anything', async () => {
    const before = clicks.length;
    const inner = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'forged' }));
    await w.safe(s.url, inner, { badSignature: true }).expect(401);
    const { timestamp, nonce } = w.stamp();
    await request(s.url)
      .post(w.mp.pushPath)
      .query({ signature: 'a'.repeat(40), timestamp, nonce })
      .type('text/xml')
      .send(inner)
      .expect(401);
    // Correctly signed and encrypted, but for another account.
    await wechatSide({ appid: 'wx00000000000000ff' }).safe(s.url, inner).expect(401);
    // Signed garbage in Encrypt.
    const enc = 'QUJDRA==';
    await request(s.url)
      .post(w.mp.pushPath)
      .query({ timestamp, nonce, encrypt_type: 'aes', msg_signature: w.sign(w.mp.token, timestamp, nonce, enc) })
      .type('text/xml')
      .send(w.xml({ ToUserName: 'gh', Encrypt: enc }))
      .expect(400);
    assert.equal(clicks.length, before);
  });

  it('handles a message once however often WeChat retries it, and repeats the same reply', async () => {
    const o = openid();
    const e = w.xml(event(o, { Event: 'CLICK', EventKey: `dup-${o}` }));
    await Promise.all([w.safe(s.url, e), w.safe(s.url, e), w.safe(s.url, e)].map((r) => r.expect(200)));
    await w.safe(s.url, e).expect(200);
    assert.equal(clicks.filter((k) => k === `dup-${o}`).length, 1);

    const text = w.xml({
      ToUserName: 'gh_test',
      FromUserName: o,
      CreateTime: 2,
      MsgType: 'text',
      Content: '结婚',
      MsgId: '3717005636572599999',
    });
    const first = w.open((await w.safe(s.url, text).expect(200)).text);
    const retry = w.open((await w.safe(s.url, text).expect(200)).text);
    assert.equal(retry.Content, first.Content);
  });

  it('refuses XXE, entity expansion and processing instructions without parsing them', async () => {
    const o = openid();
    for (const body of hostile(o)) await w.safe(s.url, body).expect(400); // hidden inside the encryption
    assert.ok(s.logs.some((l) => l.includes('wechat push refused')));
  });

  it('refuses oversize bodies with 413', async () => {
    const inner = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'big' }));
    await w
      .safe(s.url, inner, { outer: (enc) => w.xml({ ToUserName: 'gh', Encrypt: enc, Pad: 'x'.repeat(70 * 1024) }) })
      .expect(413);
  });

  it('never answers the JSON API error shape or a 500 to junk', async () => {
    const junk = (outer: string) => w.safe(s.url, 'x', { outer: () => outer });
    assert.equal((await junk('not xml at all').expect(400)).text, 'bad request');
    await junk('<xml><Foo>1</Foo></xml>').expect(400);
    await request(s.url).put(w.mp.pushPath).expect(405);
  });
});

/** XXE, a billion laughs, an undeclared entity, a processing instruction. */
function hostile(o: string): string[] {
  return [
    `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>gh</ToUserName><FromUserName>${o}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>`,
    `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType><Content>&lol3;</Content></xml>`,
    `<xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType><Content>&lol3;</Content></xml>`,
    `<?xml-stylesheet href="http://evil"?><xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType></xml>`,
  ];
}

describe('The push endpoint in plain mode (WeChat test accounts) and compatible mode (while switching)', () => {
  let plain: TestServer;
  let compatible: TestServer;
  const w = wechatSide();
  const clicks: string[] = [];
  const openid = () => `o_mode_${randomBytes(5).toString('hex')}`;

  before(async () => {
    plain = await startServer({ WX_MP_PUSH_MODE: 'plain' });
    compatible = await startServer({ WX_MP_PUSH_MODE: 'compatible' });
    for (const s of [plain, compatible])
      s.app.modules.mp.push.on('event:CLICK', async (m) => {
        clicks.push(m.EventKey);
      });
  });
  after(async () => {
    await plain.close();
    await compatible.close();
  });

  it('plain mode reads the clear XML and replies in clear, within the same window', async () => {
    const reply = await w.plain(plain.url, w.xml(event(openid(), { Event: 'CLICK', EventKey: 'HOTLINE' }))).expect(200);
    assert.match(reply.text, /^<xml>/);
    assert.match(reply.text, /12345/);
    const old = Math.floor(Date.now() / 1000) - 3600;
    await w
      .plain(plain.url, w.xml(event(openid(), { Event: 'CLICK', EventKey: 'stale-plain' })), undefined, old)
      .expect(401);
    assert.ok(!clicks.includes('stale-plain'));
  });

  it('plain mode still refuses hostile XML, oversize bodies and junk', async () => {
    for (const body of hostile(openid())) await w.plain(plain.url, body).expect(400);
    const big = w.xml({
      ToUserName: 'gh',
      FromUserName: openid(),
      CreateTime: 1,
      MsgType: 'text',
      Content: 'x'.repeat(70 * 1024),
      MsgId: '5',
    });
    await w.plain(plain.url, big).expect(413);
    await w.plain(plain.url, 'not xml at all').expect(400);
    await w.plain(plain.url, '<xml><Foo>1</Foo></xml>').expect(400);
  });

  it('compatible mode takes both, and trusts only the encrypted part of an encrypted push', async () => {
    const inner = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'compat-encrypted' }));
    const forgedClear = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'compat-forged-clear-part' }));
    await w
      .safe(compatible.url, inner, {
        outer: (enc) => forgedClear.replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`),
      })
      .expect(200);
    await w.plain(compatible.url, w.xml(event(openid(), { Event: 'CLICK', EventKey: 'compat-plain' }))).expect(200);
    assert.ok(clicks.includes('compat-encrypted') && clicks.includes('compat-plain'));
    assert.ok(!clicks.includes('compat-forged-clear-part'));
  });
});

describe('A captured push replayed to another server process (shared dedupe marks)', () => {
  const w = wechatSide();
  const clicks: string[] = [];
  let a: TestServer;
  let b: TestServer;
  before(async function () {
    if (!TEST_REDIS_URL) return this.skip(); // one process: the in-process marks are the whole story (above)
    a = await startServer();
    b = await startServer();
    for (const s of [a, b])
      s.app.modules.mp.push.on('event:CLICK', async (m) => {
        clicks.push(m.EventKey);
      });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('is handled once across processes within the window, and refused by both after it', async () => {
    const key = `captured-${randomBytes(4).toString('hex')}`;
    const captured = w.safePush(
      w.xml(event(`o_push_${randomBytes(5).toString('hex')}`, { Event: 'CLICK', EventKey: key })),
    );
    await w.send(a.url, captured).expect(200);
    await w.send(b.url, captured).expect(200);
    assert.deepEqual(
      clicks.filter((k) => k === key),
      [key],
    );
    for (const s of [a, b]) s.app.platform.clock.advance(6 * 60_000);
    try {
      for (const s of [a, b]) {
        const replay = await w.send(s.url, captured).expect(401);
        assert.equal(replay.text, 'timestamp outside the accepted window');
      }
    } finally {
      for (const s of [a, b]) s.app.platform.clock.advance(-6 * 60_000);
    }
    assert.equal(clicks.filter((k) => k === key).length, 1);
  });
});
