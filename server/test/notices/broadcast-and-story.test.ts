import assert from 'node:assert/strict';
import request from 'supertest';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { loginStaff } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { createHall } from '../halls/fixtures';
import { citizenWithUnion, deliveriesTo, hex, registerProgressTemplate, until } from './support';

describe('Public account: a hall QR code, a notice, a broadcast', () => {
  let s: TestServer;
  let admin: Awaited<ReturnType<typeof loginStaff>>;
  const staffWith = async (roles: string[]) => {
    const username = `u${hex()}`;
    const password = 'Staff-password-123';
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({ username, displayName: '工作人员', password, roles, scope: { divisions: [''], halls: [] } })
      .expect(201);
    return loginStaff(s.url, username, password);
  };

  before(async () => {
    s = await startServer();
    registerProgressTemplate(s);
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
  });
  after(async () => s.close());

  it('a citizen scans a hall QR → follows → gets a template notice → the delivery event arrives → delivered', async () => {
    const editor = await staffWith(['editor']);
    const hallId = await createHall(s.url, admin.auth, { divisionCode: '440305', address: '深圳市南山区测试路1号' });
    const { body: made } = await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(editor.auth)
      .send({ kind: 'hall', hallId, title: '市婚姻登记处' })
      .expect(201);
    assert.equal(made.scene.scene, `hall:${hallId}`);
    assert.equal(made.scene.divisionCode, '440305', 'the hall’s division');

    const c = await citizenWithUnion(s.url);
    const mpOpenid = `o_mp_${hex()}`;
    const scan = await request(s.url)
      .post('/__wechat__/dev/mp/scan')
      .send({ openid: mpOpenid, unionid: c.unionid, ticket: made.scene.ticket })
      .expect(200);
    assert.equal(scan.body.status, 200);
    assert.match(scan.body.reply.Content, /感谢关注/);
    await s.app.platform.jobs.drain();
    const sub = await s.app.modules.mp.subscribers.byOpenid(mpOpenid);
    assert.equal(sub!.hall_id, hallId);
    assert.equal(sub!.division_code, '440305');
    assert.equal(sub!.source_scene, `hall:${hallId}`);
    assert.equal(sub!.user_id, c.userId, 'linked to the mini-program user through unionid');
    // Scanning again as a follower is a SCAN, not a second subscription.
    await request(s.url)
      .post('/__wechat__/dev/mp/scan')
      .send({ openid: mpOpenid, ticket: made.scene.ticket })
      .expect(200);

    const r = await s.app.modules.notices.notify(
      { userId: c.userId },
      'test.progress',
      { item: '结婚登记预约', status: '预约成功', time: '2026-12-01 09:30' },
      '/packages/marriage/pages/index/index',
    );
    assert.equal(r.channel, 'mp_template');
    await until(
      'delivered',
      async () =>
        (await request(s.url).get(`/api/messages/${r.messageId}`).set(c.auth).expect(200)).body.message.delivery
          .status === 'delivered',
    );
    const staffView = await request(s.url).get(`/api/staff/notices/outbox/${r.outboxId}`).set(editor.auth).expect(200);
    assert.equal(staffView.body.delivery.status, 'delivered');
    assert.deepEqual(await deliveriesTo(s.url, mpOpenid), { template: 1, subscribe: 0 });
  });

  it('broadcasts to a segment: preview, approval by another person, live counts, cancel midway', async () => {
    const editor = await staffWith(['editor']);
    const approver = await staffWith(['approver']);
    const { body: qr } = await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(editor.auth)
      .send({ kind: 'campaign', title: '敬老月宣传', divisionCode: '4404', days: 7 })
      .expect(201);
    const openids = Array.from({ length: 30 }, () => `o_bc_${hex()}`);
    for (const o of openids)
      await request(s.url).post('/__wechat__/dev/mp/scan').send({ openid: o, ticket: qr.scene.ticket }).expect(200);
    const segment = { kind: 'scene', scene: qr.scene.scene };
    assert.equal(
      (
        await request(s.url)
          .post('/api/staff/notices/broadcasts/preview')
          .set(editor.auth)
          .send({ segment })
          .expect(200)
      ).body.count,
      30,
    );
    assert.equal(
      (
        await request(s.url)
          .post('/api/staff/notices/broadcasts/preview')
          .set(editor.auth)
          .send({ segment: { kind: 'region', divisionCode: '4404' } })
          .expect(200)
      ).body.count,
      30,
    );

    const data = {
      title: '敬老月活动通知',
      content: '10月各社区开展免费体检，请携带身份证前往',
      date: '2026-10-01 09:00',
    };
    const { body: composed } = await request(s.url)
      .post('/api/staff/notices/broadcasts')
      .set(editor.auth)
      .send({ templateKey: 'notices.broadcast', data, link: '/packages/elderly/pages/index/index', segment })
      .expect(201);
    const id = composed.broadcast.id;
    assert.equal(composed.broadcast.status, 'pending');
    assert.equal(composed.broadcast.recipients, 30);

    // The author cannot approve, and neither can an editor.
    await request(s.url).post(`/api/staff/notices/broadcasts/${id}/approve`).set(editor.auth).expect(403);
    await request(s.url).post(`/api/staff/notices/broadcasts/${id}/approve`).set(approver.auth).expect(200);
    await request(s.url).post(`/api/staff/notices/broadcasts/${id}/approve`).set(approver.auth).expect(409);
    const done = await until('all delivered', async () => {
      const b = (await request(s.url).get(`/api/staff/notices/broadcasts/${id}`).set(editor.auth).expect(200)).body
        .broadcast;
      return b.counts.delivered === 30 && b;
    });
    assert.equal(done.status, 'sent');
    assert.deepEqual(done.counts, { queued: 0, sent: 0, delivered: 30, failed: 0, cancelled: 0 });
    for (const o of openids.slice(0, 3)) assert.equal((await deliveriesTo(s.url, o)).template, 1);

    // A second broadcast, throttled to 2/s, cancelled after it started: the rest never go.
    s.app.platform.config.notices.ratePerSec = 2;
    try {
      const { body: second } = await request(s.url)
        .post('/api/staff/notices/broadcasts')
        .set(editor.auth)
        .send({ templateKey: 'notices.broadcast', data: { ...data, title: '第二次通知' }, segment })
        .expect(201);
      await request(s.url)
        .post(`/api/staff/notices/broadcasts/${second.broadcast.id}/approve`)
        .set(approver.auth)
        .expect(200);
      await until('some sent', async () => {
        const b = (await request(s.url).get(`/api/staff/notices/broadcasts/${second.broadcast.id}`).set(editor.auth))
          .body.broadcast;
        return b.counts.sent + b.counts.delivered >= 1;
      });
      const cancelled = (
        await request(s.url)
          .post(`/api/staff/notices/broadcasts/${second.broadcast.id}/cancel`)
          .set(editor.auth)
          .expect(200)
      ).body.broadcast;
      assert.equal(cancelled.status, 'cancelled');
      assert.ok(cancelled.counts.cancelled > 0 && cancelled.counts.cancelled < 30, JSON.stringify(cancelled.counts));
      await s.app.platform.jobs.drain();
      const after = (await request(s.url).get(`/api/staff/notices/broadcasts/${second.broadcast.id}`).set(editor.auth))
        .body.broadcast;
      const reached = after.counts.sent + after.counts.delivered + after.counts.queued;
      assert.equal(reached + after.counts.cancelled, 30);
      await request(s.url)
        .post(`/api/staff/notices/broadcasts/${second.broadcast.id}/cancel`)
        .set(editor.auth)
        .expect(409);
    } finally {
      s.app.platform.config.notices.ratePerSec = 200;
    }
  });

  it('refuses bad broadcasts with clear errors', async () => {
    const editor = await staffWith(['editor']);
    const post = (body: unknown) =>
      request(s.url)
        .post('/api/staff/notices/broadcasts')
        .set(editor.auth)
        .send(body as object);
    assert.equal(
      (await post({ templateKey: 'nope', data: {}, segment: { kind: 'all' } }).expect(400)).body.error.code,
      'UNKNOWN_TEMPLATE',
    );
    assert.equal(
      (await post({ templateKey: 'notices.broadcast', data: {}, segment: { kind: 'galaxy' } }).expect(400)).body.error
        .code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (
        await post({
          templateKey: 'notices.broadcast',
          data: { title: 'x', content: 'y', date: 'z' },
          segment: { kind: 'tag', tag: '不存在的标签' },
        }).expect(400)
      ).body.error.code,
      'EMPTY_SEGMENT',
    );
    assert.equal(
      (
        await post({
          templateKey: 'notices.broadcast',
          data: { title: 'x', content: 'y', date: 'z' },
          segment: { kind: 'users', source: 'no-such-list' },
        }).expect(400)
      ).body.error.code,
      'UNKNOWN_SEGMENT',
    );
    const citizen = await citizenWithUnion(s.url);
    await request(s.url).post('/api/staff/notices/broadcasts').set(citizen.auth).send({}).expect(401);
    await request(s.url).get('/api/staff/notices/broadcasts/99999').set(editor.auth).expect(404);
  });

  it('staff keep the knowledge base and the menu, and push the menu to WeChat', async () => {
    const editor = await staffWith(['editor']);
    const { body: created } = await request(s.url)
      .post('/api/staff/mp/replies')
      .set(editor.auth)
      .send({
        keywords: ['办公时间', '几点上班'],
        question: '婚姻登记处几点上班？',
        answer: '工作日 9:00–12:00，13:30–17:00。',
      })
      .expect(201);
    const ask = await request(s.url)
      .post('/__wechat__/dev/mp/click')
      .send({ openid: `o_k_${hex()}`, key: 'HOURS' })
      .expect(200);
    assert.match(ask.body.reply.Content, /9:00/);
    await request(s.url)
      .patch(`/api/staff/mp/replies/${created.reply.id}`)
      .set(editor.auth)
      .send({ enabled: false })
      .expect(200);
    await request(s.url)
      .post('/api/staff/mp/replies')
      .set(editor.auth)
      .send({ keywords: [], question: '', answer: '' })
      .expect(400);

    const menu = {
      button: [
        {
          type: 'miniprogram',
          name: '在线办事',
          appid: s.app.platform.config.wechat.mini.appid,
          pagepath: 'pages/services/index',
          url: 'https://mp.weixin.qq.com',
        },
        {
          name: '服务指南',
          sub_button: [
            { type: 'click', name: '常见问题', key: 'FAQ' },
            { type: 'view', name: '政策法规', url: 'https://www.mca.gov.cn' },
          ],
        },
      ],
    };
    await request(s.url).put('/api/staff/mp/menu').set(editor.auth).send(menu).expect(200);
    const pushed = await request(s.url).post('/api/staff/mp/menu/push').set(editor.auth).expect(200);
    assert.ok(pushed.body.pushedAt);
    const sim = await request(s.url).get('/__wechat__/dev/mp/state').expect(200);
    assert.deepEqual(sim.body.menu, menu);
    await request(s.url).put('/api/staff/mp/menu').set(editor.auth).send({ button: [] }).expect(400);
    await request(s.url)
      .put('/api/staff/mp/menu')
      .set(editor.auth)
      .send({ button: [{ type: 'teleport', name: 'x' }] })
      .expect(400);
  });
});
