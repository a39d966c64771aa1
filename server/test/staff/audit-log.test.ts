import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';

describe('The audit trail for the administrator: who read or changed what, by person, record, action and date', () => {
  let s: TestServer;
  let admin: Awaited<ReturnType<typeof loginStaff>>;
  let clerk: Awaited<ReturnType<typeof loginStaff>>;
  let clerkId: number;
  const username = `audit${Date.now().toString(36)}`;
  before(async () => {
    s = await startServer();
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    const { body } = await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '审计测试',
        password: 'Audit-trail-2026',
        roles: ['hall_staff'],
        scope: { divisions: ['110105'], halls: [] },
      })
      .expect(201);
    clerkId = body.staff.id;
    clerk = await loginStaff(s.url, username, 'Audit-trail-2026');
    for (const name of ['一', '二', '三'])
      await request(s.url)
        .patch(`/api/staff/accounts/${clerkId}`)
        .set(admin.auth)
        .send({ displayName: `审计测试${name}` })
        .expect(200);
  });
  after(async () => s.close());

  const read = (query: Record<string, unknown>, who = admin) =>
    request(s.url).get('/api/staff/audit-logs').query(query).set(who.auth);

  it('finds what was done to one record, newest first, with the actor’s name, page by page', async () => {
    const first = await read({ targetType: 'staff', targetId: String(clerkId), pageSize: 2 }).expect(200);
    assert.deepEqual(
      first.body.items.map((e: { action: string }) => e.action),
      ['staff.update', 'staff.update'],
    );
    assert.equal(first.body.items[0].actor.username, 'admin');
    assert.equal(
      first.body.items[0].detail.after.displayName,
      '审计测试三',
      'the latest change first, with what it changed',
    );
    const second = await read({
      targetType: 'staff',
      targetId: String(clerkId),
      pageSize: 2,
      before: first.body.nextBefore,
    }).expect(200);
    assert.deepEqual(
      second.body.items.map((e: { action: string }) => e.action),
      ['staff.update', 'staff.create'],
    );
    assert.equal(second.body.nextBefore, null, 'the creation was the oldest: no page after it');
  });

  it('filters by person, action prefix and Beijing dates; an unknown person has done nothing', async () => {
    const byClerk = await read({ actor: username }).expect(200);
    assert.ok(byClerk.body.items.length >= 1);
    assert.ok(byClerk.body.items.every((e: { actor: { id: string } }) => e.actor.id === String(clerkId)));
    assert.ok(byClerk.body.items.some((e: { action: string }) => e.action === 'staff.login'));
    const creates = await read({ action: 'staff.cr' }).expect(200);
    assert.ok(creates.body.items.length >= 1);
    assert.ok(creates.body.items.every((e: { action: string }) => e.action === 'staff.create'));
    const today = s.app.platform.clock.today();
    assert.ok((await read({ from: today, to: today, actor: 'admin' }).expect(200)).body.items.length > 0);
    assert.equal((await read({ to: '2020-01-01' }).expect(200)).body.items.length, 0);
    assert.deepEqual((await read({ actor: 'nobody-by-that-name' }).expect(200)).body, { items: [], nextBefore: null });
  });

  it('refuses bad filters in Chinese and anyone but the admin; reading the trail is itself recorded', async () => {
    const bad = await read({ from: '2026-13-01x' }).expect(400);
    assert.match(bad.body.error.message, /开始日期格式/);
    const backwards = await read({ from: '2026-12-02', to: '2026-12-01' }).expect(400);
    assert.match(JSON.stringify(backwards.body.error), /开始日期不能晚于结束日期/);
    const refused = await read({}, clerk);
    assert.ok([403, 404].includes(refused.status));
    const reads = await read({ action: 'audit.read', actor: 'admin', pageSize: 1 }).expect(200);
    assert.equal(reads.body.items[0].action, 'audit.read');
    assert.equal(reads.body.items[0].actor.username, 'admin');
  });
});
