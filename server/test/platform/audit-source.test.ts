import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { today } from '../bookings/helpers';
import { admin, createHall, DIBAO, hallStaff } from '../halls/fixtures';
import { createOrg, officer, orgBody, PNG_1PX } from '../social-orgs/helpers';

interface AuditRow {
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
  ip: string | null;
  request_id: string | null;
}

// Every staff audit row says which request wrote it and from where, whichever module wrote it
// and however deep: the request's id and address reach the audit writer without being passed.
describe('Audit rows carry the request that wrote them; queue, matrix sync and complaint images are audited', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
  });
  after(async () => s.close());

  const rowsOf = async (requestId: string) =>
    (await s.app.platform.db.query('SELECT * FROM audit_logs WHERE request_id = :requestId ORDER BY id', {
      replacements: { requestId },
      type: 'SELECT',
    })) as AuditRow[];
  /** Sends with a known request id; the audit rows it wrote are found by it. */
  const traced = () => {
    const id = `test-${randomUUID()}`;
    return { id, header: { 'X-Request-Id': id } };
  };
  const fromHere = (row: AuditRow) => {
    assert.ok(row.ip, `${row.action}: ip is filled`);
    assert.match(row.ip!, /^(::ffff:)?127\.0\.0\.1$|^::1$/, `${row.action}: ip is the caller's`);
  };

  it('queue calls, recalls, serving and done: each audited with the request id and address', async () => {
    const hall = await createHall(s.url, adminAuth, {}, [{ number: '1', name: '低保窗口', serviceCodes: [DIBAO] }]);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/days/${today(s)}`)
      .set(adminAuth)
      .send({ open: true, hours: [['00:00', '23:59']] })
      .expect(200);
    const clerk = await hallStaff(s.url, adminAuth, [hall]);
    const c = await loginCitizen(s.url);
    const ticket = (
      await request(s.url).post('/api/queue/tickets').set(c.auth).send({ hallId: hall, serviceCode: DIBAO }).expect(201)
    ).body.ticket;

    const steps: Array<[string, string]> = [
      [`/api/staff/halls/${hall}/windows/1/call-next`, 'queue.call'],
      [`/api/staff/halls/${hall}/queue/tickets/${ticket.id}/recall`, 'queue.recall'],
      [`/api/staff/halls/${hall}/queue/tickets/${ticket.id}/serve`, 'queue.serve'],
      [`/api/staff/halls/${hall}/queue/tickets/${ticket.id}/done`, 'queue.done'],
    ];
    for (const [path, action] of steps) {
      const t = traced();
      await request(s.url).post(path).set(clerk.auth).set(t.header).expect(200);
      const rows = await rowsOf(t.id);
      assert.deepEqual(
        rows.map((r) => r.action),
        [action],
        path,
      );
      assert.deepEqual([rows[0].actor_type, rows[0].actor_id], ['staff', String(clerk.staff.id)]);
      assert.deepEqual([rows[0].target_type, rows[0].target_id], ['hall', String(hall)]);
      assert.equal(JSON.parse(rows[0].detail!).ticket, ticket.label);
      fromHere(rows[0]);
    }
  });

  it('a manual content-matrix sync is audited', async () => {
    const t = traced();
    await request(s.url).post('/api/matrix/admin/sync').set(adminAuth).set(t.header).expect(202);
    const rows = await rowsOf(t.id);
    assert.deepEqual(
      rows.map((r) => r.action),
      ['matrix.sync'],
    );
    assert.equal(rows[0].actor_type, 'staff');
    assert.equal(typeof JSON.parse(rows[0].detail!).queued, 'number');
    fromHere(rows[0]);
  });

  it('an officer opening a complaint’s photo is audited; another region’s officer gets 404 and reads nothing', async () => {
    const beijing = await officer(s.url, ['11']);
    const shenzhen = await officer(s.url, ['44']);
    const org = await createOrg(s.url, beijing.auth, { name: '北京市朝阳区书法爱好者协会' });
    const c = await loginCitizen(s.url);
    const img = (
      await request(s.url)
        .post('/api/social-orgs/complaint-images')
        .set(c.auth)
        .attach('file', PNG_1PX, { filename: 'photo.png', contentType: 'image/png' })
        .expect(201)
    ).body.image;
    const filed = (
      await request(s.url)
        .post('/api/social-orgs/complaints')
        .set(c.auth)
        .send({
          target: { uscc: org.uscc },
          category: 'fees',
          content: '该协会以办理会员证为名收取每人500元费用，未开具任何票据。',
          idempotencyKey: `key-${randomUUID()}`,
          images: [img.id],
        })
        .expect(201)
    ).body.complaint;
    const id = (
      await request(s.url).get('/api/staff/social-orgs/complaints').set(beijing.auth).expect(200)
    ).body.items.find((i: { trackingNo: string }) => i.trackingNo === filed.trackingNo).id;

    const t = traced();
    await request(s.url)
      .get(`/api/staff/social-orgs/complaints/${id}/images/${img.id}`)
      .set(beijing.auth)
      .set(t.header)
      .expect(200)
      .expect('Content-Type', 'image/png');
    const rows = await rowsOf(t.id);
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor_id, r.target_type, r.target_id]),
      [['social_org.complaint.read_image', String(beijing.staff.id), 'org_complaint', filed.trackingNo]],
    );
    fromHere(rows[0]);

    const denied = traced();
    await request(s.url)
      .get(`/api/staff/social-orgs/complaints/${id}/images/${img.id}`)
      .set(shenzhen.auth)
      .set(denied.header)
      .expect(404);
    assert.deepEqual(await rowsOf(denied.id), []);
  });

  it('writes of every kind — accounts, halls, broadcasts, organizations — fill ip and request_id', async () => {
    const writes: Array<[string, () => request.Test]> = [
      [
        'staff.create',
        () =>
          request(s.url)
            .post('/api/staff/accounts')
            .set(adminAuth)
            .send({
              username: `audit.${randomUUID().slice(0, 8)}`,
              displayName: '审计测试',
              password: 'Audit-password-123',
              roles: ['editor'],
              scope: { divisions: ['110105'], halls: [] },
            }),
      ],
      [
        'hall.create',
        () =>
          request(s.url)
            .post('/api/staff/halls')
            .set(adminAuth)
            .send({
              name: '审计测试婚姻登记处',
              divisionCode: '110105',
              address: '北京市朝阳区测试路9号',
              hours: [['09:00', '17:00']],
            }),
      ],
      [
        'mp.reply.create',
        () =>
          request(s.url)
            .post('/api/staff/mp/replies')
            .set(adminAuth)
            .send({ keywords: ['审计'], question: '审计？', answer: '审计。' }),
      ],
      ['social_org.create', () => request(s.url).post('/api/staff/social-orgs').set(adminAuth).send(orgBody())],
    ];
    for (const [action, send] of writes) {
      const t = traced();
      const res = await send().set(t.header);
      assert.ok(res.status < 300, `${action}: ${res.status} ${JSON.stringify(res.body)}`);
      const rows = await rowsOf(t.id);
      assert.ok(rows.length >= 1, `${action}: audited under the request's id`);
      for (const row of rows) {
        assert.equal(row.actor_type, 'staff');
        fromHere(row);
      }
    }
    // Nothing a staff member wrote through the API lacks its request id.
    const [missing] = (await s.app.platform.db.query(
      "SELECT COUNT(*) AS n FROM audit_logs WHERE actor_type = 'staff' AND (request_id IS NULL OR ip IS NULL)",
      { type: 'SELECT' },
    )) as Array<{ n: number | string }>;
    assert.equal(Number(missing.n), 0);
  });
});
