import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { wechatSide } from './helpers';

describe('A follower types a question to the public account', () => {
  let s: TestServer;
  const w = wechatSide();
  const follower = `o_ask_${randomBytes(5).toString('hex')}`;
  let msgId = 3717005636572600000n;

  /** What the public account answers to a text message, read as WeChat would (decrypted). */
  async function ask(content: string): Promise<string> {
    msgId += 1n;
    const xml = w.xml({
      ToUserName: 'gh_test',
      FromUserName: follower,
      CreateTime: 1,
      MsgType: 'text',
      Content: content,
      MsgId: String(msgId),
    });
    const res = await w.safe(s.url, xml).expect(200);
    return w.open(res.text).Content as string;
  }

  before(async () => {
    s = await startServer();
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(s.url)
      .post('/api/staff/mp/replies')
      .set(admin.auth)
      .send({ keywords: ['上班时间'], question: '大厅几点上班？', answer: '工作日 9:00-17:00，节假日休息。' })
      .expect(201);
  });
  after(async () => s?.close());

  it('gets the answer staff keep when the question holds its keyword', async () => {
    assert.equal(await ask('请问大厅上班时间是几点'), '工作日 9:00-17:00，节假日休息。');
  });

  it("otherwise gets the marriage knowledge base's best entry, with a link to the whole of it", async () => {
    const reply = await ask('离婚冷静期是多少天？');
    assert.match(reply, /^离婚冷静期怎么算\n/);
    assert.match(reply, /data-miniprogram-path="packages\/marriage\/pages\/knowledge\/index\?id=cooling-off"/);
    // A sentence in a person's words, not the entry's own: its keyword is enough.
    assert.match(await ask('我的结婚证丢了怎么办啊'), /^结婚证丢了怎么办？\n/);
    // The search box finds the same entries (one search for both).
    const { body } = await request(s.url).get('/api/marriage/knowledge').query({ q: '我的结婚证丢了怎么办啊' });
    assert.equal(body.items[0].id, 'reissue');
  });

  it('is pointed to the mini-program and the hotline when nothing answers', async () => {
    const reply = await ask('今天天气怎么样');
    assert.match(reply, /暂未找到相关答复/);
    assert.match(reply, /12345/);
  });
});
