import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { event, wechatSide } from './helpers';

describe('WeChat pushes messages to the public account endpoint', () => {
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

  it('accepts compatible mode (clear fields plus Encrypt) and plain mode', async () => {
    const inner = w.xml(event(openid(), { Event: 'CLICK', EventKey: 'compat-key' }));
    await w
      .safe(s.url, inner, { outer: (enc) => inner.replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`) })
      .expect(200);
    const plain = await w.plain(s.url, w.xml(event(openid(), { Event: 'CLICK', EventKey: 'plain-key' }))).expect(200);
    assert.ok(clicks.includes('compat-key') && clicks.includes('plain-key'));
    assert.match(plain.text, /^<xml>/); // replies in clear in plain mode
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
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>gh</ToUserName><FromUserName>${o}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>`;
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType><Content>&lol3;</Content></xml>`;
    const undeclared = `<xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType><Content>&lol3;</Content></xml>`;
    const pi = `<?xml-stylesheet href="http://evil"?><xml><FromUserName>${o}</FromUserName><MsgType>text</MsgType></xml>`;
    for (const body of [xxe, lol, undeclared, pi]) {
      await w.plain(s.url, body).expect(400);
      await w.safe(s.url, body).expect(400); // the same hidden inside the encryption
    }
    assert.ok(s.logs.some((l) => l.includes('wechat push refused')));
  });

  it('refuses oversize bodies with 413', async () => {
    const big = w.xml({
      ToUserName: 'gh',
      FromUserName: openid(),
      CreateTime: 1,
      MsgType: 'text',
      Content: 'x'.repeat(70 * 1024),
      MsgId: '5',
    });
    await w.plain(s.url, big).expect(413);
  });

  it('never answers the JSON API error shape or a 500 to junk', async () => {
    await w.plain(s.url, 'not xml at all').expect(400);
    await w.plain(s.url, '<xml><Foo>1</Foo></xml>').expect(400);
    await request(s.url).put(w.mp.pushPath).expect(405);
  });
});
