import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { hex } from './support';

type Staff = Awaited<ReturnType<typeof loginStaff>>;

describe("A broadcast's outbox: each recipient's WeChat status and failure class, within scope", () => {
  let s: TestServer;
  let admin: Staff;
  const staffWith = async (roles: string[], divisions: string[]) => {
    const username = `u${hex()}`;
    const password = 'Staff-password-123';
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({ username, displayName: '工作人员', password, roles, scope: { divisions, halls: [] } })
      .expect(201);
    return loginStaff(s.url, username, password);
  };
  before(async () => {
    s = await startServer();
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
  });
  after(async () => s.close());

  it('lists the rows page by page and by status, openids masked; another region’s broadcast is 404', async () => {
    const editor = await staffWith(['editor'], ['110105']);
    const approver = await staffWith(['approver'], ['110105']);
    const elsewhere = await staffWith(['approver'], ['4403']);
    const { body: qr } = await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(editor.auth)
      .send({ kind: 'campaign', title: '冬季宣传', divisionCode: '110105', days: 7 })
      .expect(201);
    const openids = Array.from({ length: 3 }, () => `o_ob_${hex()}`);
    for (const openid of openids)
      await request(s.url).post('/__wechat__/dev/mp/scan').send({ openid, ticket: qr.scene.ticket }).expect(200);
    await request(s.url).post('/__wechat__/dev/mp/undeliverable').send({ openid: openids[0] }).expect(200);
    await s.app.platform.jobs.drain();
    const { body } = await request(s.url)
      .post('/api/staff/notices/broadcasts')
      .set(editor.auth)
      .send({
        templateKey: 'notices.broadcast',
        data: { title: '冬季救助', content: '请有困难的家庭联系社区', date: '2026-12-10 09:00' },
        segment: { kind: 'scene', scene: qr.scene.scene },
      })
      .expect(201);
    const id = body.broadcast.id;
    await request(s.url).post(`/api/staff/notices/broadcasts/${id}/approve`).set(approver.auth).expect(200);
    const outbox = (query: Record<string, unknown>, who = editor) =>
      request(s.url).get(`/api/staff/notices/broadcasts/${id}/outbox`).query(query).set(who.auth);
    for (let i = 0; i < 100; i++) {
      await s.app.platform.jobs.drain();
      const failed = (await outbox({ status: 'failed' }).expect(200)).body;
      const delivered = (await outbox({ status: 'delivered' }).expect(200)).body;
      if (failed.total === 1 && delivered.total === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [failed] = (await outbox({ status: 'failed' }).expect(200)).body.items;
    assert.equal(failed.failureClass, 'temporary');
    assert.equal(failed.openid, `${openids[0].slice(0, 4)}****${openids[0].slice(-4)}`);
    const page1 = (await outbox({ pageSize: 2 }).expect(200)).body;
    const page2 = (await outbox({ pageSize: 2, page: 2 }).expect(200)).body;
    assert.deepEqual([page1.total, page1.items.length, page2.items.length], [3, 2, 1]);
    assert.ok(!JSON.stringify(page1).includes(openids[1]), 'no openid in full');
    await outbox({}, elsewhere).expect(404);
    const bad = await outbox({ status: 'lost' }).expect(400);
    assert.match(bad.body.error.message, /发送状态无效/);
  });
});
