import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { citizenWithUnion, follow, hex, registerProgressTemplate, TEMPLATE, until } from './support';

describe('Staff see why a notice failed: technical, temporary or permanent, beside the reason', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  const data = { item: '临时救助申请', status: '已受理', time: '2026-12-01 10:00' };
  const notify = async (userId: number) =>
    (await s.app.modules.notices.notify({ userId }, 'test.progress', data)).outboxId!;
  /** The outbox row as the staff API answers it, once it has settled. */
  const settled = (outboxId: number, status: string) =>
    until(`outbox ${outboxId} ${status}`, async () => {
      const r = await request(s.url).get(`/api/staff/notices/outbox/${outboxId}`).set(editor.auth).expect(200);
      return r.body.delivery.status === status && r.body.delivery;
    });

  before(async () => {
    s = await startServer();
    registerProgressTemplate(s);
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    const username = `ed${hex()}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '编辑',
        password: 'Staff-password-123',
        roles: ['editor'],
        scope: { divisions: [''], halls: [] },
      })
      .expect(201);
    editor = await loginStaff(s.url, username, 'Staff-password-123');
  });
  after(async () => s.close());

  it('delivered: no class', async () => {
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    const d = await settled(await notify(c.userId), 'delivered');
    assert.equal(d.failureClass, null);
    assert.equal(d.reason, null);
  });

  it('permanent: the citizen no longer follows the account (43004), or blocks its messages', async () => {
    const gone = await citizenWithUnion(s.url);
    const goneOpenid = await follow(s, gone.unionid);
    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid: goneOpenid, silent: true }).expect(200);
    const notFollowing = await settled(await notify(gone.userId), 'failed');
    assert.equal(notFollowing.failureClass, 'permanent');
    assert.match(notFollowing.reason, /未关注.*43004/);

    const blocking = await citizenWithUnion(s.url);
    const blockingOpenid = await follow(s, blocking.unionid);
    await request(s.url).post('/__wechat__/dev/mp/block').send({ openid: blockingOpenid }).expect(200);
    const blocked = await settled(await notify(blocking.userId), 'failed');
    assert.equal(blocked.failureClass, 'permanent');
    assert.equal(blocked.reason, '用户拒收公众号消息');
    assert.match(blocked.msgid, /^\d+$/, 'WeChat took it; its delivery report said no');
  });

  it('temporary: WeChat took it but could not deliver it this time', async () => {
    const c = await citizenWithUnion(s.url);
    const openid = await follow(s, c.unionid);
    await request(s.url).post('/__wechat__/dev/mp/undeliverable').send({ openid }).expect(200);
    const d = await settled(await notify(c.userId), 'failed');
    assert.equal(d.failureClass, 'temporary');
    assert.equal(d.reason, '微信投递失败');
  });

  it('technical: WeChat refuses our template, at once, with the reason from the WeChat error catalogue', async () => {
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    await request(s.url).post('/__wechat__/dev/mp/revoke-template').send({ templateId: TEMPLATE.mp }).expect(200);
    const d = await settled(await notify(c.userId), 'failed');
    assert.equal(d.failureClass, 'technical');
    assert.equal(d.attempts, 1);
    assert.match(d.reason, /模板无效.*40037/);
  });
});
