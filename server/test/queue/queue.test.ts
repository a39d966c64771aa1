import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, hallStaff, MARRIAGE, realNamed } from '../halls/fixtures';
import { messages, periodLaterToday, today } from '../bookings/helpers';

describe('On-site queue (取号): numbers, order, priority lane, calls, notices', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  let staff: { auth: Record<string, string> };
  let period: ReturnType<typeof periodLaterToday>;

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    // Taken first: minutes before midnight it moves the server's clock into the next day.
    period = periodLaterToday(s, 5);
    hall = await createHall(s.url, adminAuth, { queuePrefixes: { [DIBAO]: 'D', [MARRIAGE]: 'A' } }, [
      { number: '1', name: '低保窗口', serviceCodes: [DIBAO] },
      { number: '2', name: '老年人优先窗口', serviceCodes: [DIBAO], priorityLane: true },
      { number: '3', name: '婚姻窗口', serviceCodes: [MARRIAGE] },
    ]);
    // Open all day today, whatever today is, so the queue can be tested at any hour.
    await request(s.url)
      .put(`/api/staff/halls/${hall}/days/${today(s)}`)
      .set(adminAuth)
      .send({ open: true, hours: [['00:00', '23:59']] })
      .expect(200);
    staff = await hallStaff(s.url, adminAuth, [hall]);
  });
  after(async () => s.close());

  const take = (auth: Record<string, string>, body: Record<string, unknown> = {}) =>
    request(s.url)
      .post('/api/queue/tickets')
      .set(auth)
      .send({ hallId: hall, serviceCode: DIBAO, ...body });

  it('numbers tickets per service prefix, gives position and expected wait, and keeps one per person', async () => {
    const a = await loginCitizen(s.url);
    const b = await loginCitizen(s.url);
    const t1 = (await take(a.auth).expect(201)).body.ticket;
    const t2 = (await take(b.auth).expect(201)).body.ticket;
    assert.match(t1.label, /^D\d{3}$/);
    assert.equal(Number(t2.label.slice(1)), Number(t1.label.slice(1)) + 1);
    assert.equal(t2.position, t1.position + 1);
    assert.ok(t2.expectedWaitMinutes >= t1.expectedWaitMinutes);
    const again = await take(a.auth).expect(200);
    assert.equal(again.body.ticket.id, t1.id);
    const m = (
      await request(s.url)
        .post('/api/queue/tickets')
        .set(a.auth)
        .send({ hallId: hall, serviceCode: MARRIAGE })
        .expect(201)
    ).body.ticket;
    assert.match(m.label, /^A\d{3}$/);
    // Clean up for the next story.
    for (const [c, t] of [
      [a, t1],
      [b, t2],
      [a, m],
    ] as const)
      await request(s.url).post(`/api/queue/tickets/${t.id}/cancel`).set(c.auth).expect(200);
  });

  it('serves booked check-ins first, the priority lane next (first at its own window), then by arrival; notifies three places ahead', async () => {
    const walkIns = await Promise.all(Array.from({ length: 5 }, () => loginCitizen(s.url)));
    const normal = [];
    for (const c of walkIns) normal.push((await take(c.auth).expect(201)).body.ticket);
    const elder = await realNamed(s.url, { birth: '1950-01-01' });
    const eTicket = (await take(elder.auth, { priority: 'elderly' }).expect(201)).body.ticket;
    assert.equal(eTicket.lane, 'priority');
    assert.equal(eTicket.position, 1);
    const young = await realNamed(s.url, { birth: '1990-01-01' });
    assert.equal((await take(young.auth, { priority: 'elderly' }).expect(409)).body.error.code, 'NOT_ELDERLY');
    assert.equal((await take(walkIns[0].auth, { priority: 'vip' }).expect(400)).body.error.code, 'VALIDATION_FAILED');

    // A booked citizen checks in: their ticket goes before everyone.
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ periods: [period], cutoffMinutes: 0 })
      .expect(200);
    const booked = await realNamed(s.url);
    const { body: bk } = await request(s.url)
      .post('/api/bookings')
      .set(booked.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: today(s), period: 'today' })
      .expect(201);
    const checkIn = await request(s.url)
      .post(`/api/staff/halls/${hall}/check-ins`)
      .set(staff.auth)
      .send({ code: bk.booking.code })
      .expect(200);

    // Window 2 (priority lane) calls the elder first; window 1 calls the booked ticket first.
    const w2 = await request(s.url).post(`/api/staff/halls/${hall}/windows/2/call-next`).set(staff.auth).expect(200);
    assert.equal(w2.body.ticket.id, eTicket.id);
    const w1 = await request(s.url).post(`/api/staff/halls/${hall}/windows/1/call-next`).set(staff.auth).expect(200);
    assert.equal(w1.body.ticket.id, checkIn.body.ticket.id);
    const order = [];
    for (let i = 0; i < 5; i++)
      order.push(
        (await request(s.url).post(`/api/staff/halls/${hall}/windows/1/call-next`).set(staff.auth).expect(200)).body
          .ticket.id,
      );
    assert.deepEqual(
      order,
      normal.map((t) => t.id),
    );
    const live = await request(s.url).get(`/api/queue/tickets/${normal[4].id}`).set(walkIns[4].auth).expect(200);
    assert.equal(live.body.ticket.status, 'called');
    assert.equal(live.body.ticket.windowNumber, '1');
    const empty = await request(s.url).post(`/api/staff/halls/${hall}/windows/1/call-next`).set(staff.auth).expect(200);
    assert.equal(empty.body.ticket, null);

    const called = await messages(s.url, elder.auth);
    assert.ok(called.some((m) => m.title.includes('请到2号窗口')));
    // Walk-ins 1..3 were within three places at some point; each was told once.
    for (const c of walkIns.slice(0, 3)) {
      const near = (await messages(s.url, c.auth)).filter((m) => m.title.startsWith('快到您了'));
      assert.equal(near.length, 1);
    }
    // Calling again finishes what the window had in hand.
    const finished = await request(s.url).get(`/api/queue/tickets/${normal[4].id}`).set(walkIns[4].auth).expect(200);
    assert.equal(finished.body.ticket.status, 'done');
  });

  it('skips a ticket called three times without showing up', async () => {
    const c = await loginCitizen(s.url);
    const t = (await take(c.auth).expect(201)).body.ticket;
    const call = await request(s.url).post(`/api/staff/halls/${hall}/windows/1/call-next`).set(staff.auth).expect(200);
    assert.equal(call.body.ticket.id, t.id);
    await request(s.url).post(`/api/staff/halls/${hall}/queue/tickets/${t.id}/recall`).set(staff.auth).expect(200);
    await request(s.url).post(`/api/staff/halls/${hall}/queue/tickets/${t.id}/recall`).set(staff.auth).expect(200);
    const skipped = await request(s.url)
      .post(`/api/staff/halls/${hall}/queue/tickets/${t.id}/recall`)
      .set(staff.auth)
      .expect(200);
    assert.equal(skipped.body.ticket.status, 'skipped');
    assert.ok((await messages(s.url, c.auth)).some((m) => m.title.startsWith('已过号')));
    // A new ticket is possible after being skipped.
    await take(c.auth).expect(201);
  });

  it('refuses tickets while the hall is closed, and keeps staff to their hall', async () => {
    const closed = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${closed}/days/${today(s)}`)
      .set(adminAuth)
      .send({ open: false, note: '内部盘点' })
      .expect(200);
    const c = await loginCitizen(s.url);
    const r = await request(s.url)
      .post('/api/queue/tickets')
      .set(c.auth)
      .send({ hallId: closed, serviceCode: DIBAO })
      .expect(409);
    assert.equal(r.body.error.code, 'HALL_NOT_OPEN');
    assert.match(r.body.error.message, /内部盘点/);
    await request(s.url).post(`/api/staff/halls/${closed}/windows/1/call-next`).set(staff.auth).expect(404);
    await request(s.url)
      .post('/api/queue/tickets')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: 'MZ-BZ-01' })
      .expect(404);
    await request(s.url).post('/api/queue/tickets').set(c.auth).send({ hallId: 'x' }).expect(400);
    await request(s.url).get('/api/queue/tickets/999999').set(c.auth).expect(404);
    const board = await request(s.url).get(`/api/halls/${hall}/queue`).expect(200);
    assert.ok(Array.isArray(board.body.services));
  });

  it("restarts numbers each day: yesterday's leftovers expire", async () => {
    const c = await loginCitizen(s.url);
    const t = (await take(c.auth).expect(201)).body.ticket;
    await s.app.platform.jobs.enqueue('queue.expire-old', {});
    await s.app.platform.jobs.drain();
    const [kept] = await s.app.platform.db.query(`SELECT status FROM queue_tickets WHERE id = ${t.id}`);
    assert.equal((kept as Array<{ status: string }>)[0].status, 'waiting', "today's ticket stays");
    s.app.platform.clock.advance(86_400_000); // the next day
    await s.app.platform.jobs.enqueue('queue.expire-old', {});
    await s.app.platform.jobs.drain();
    const [rows] = await s.app.platform.db.query(`SELECT status FROM queue_tickets WHERE id = ${t.id}`);
    assert.equal((rows as Array<{ status: string }>)[0].status, 'expired');
  });
});
