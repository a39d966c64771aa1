import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { nextOpenDate } from './helpers';

describe('Booking under concurrency: the database decides', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
  });
  after(async () => s.close());

  it('200 people racing for 10 seats: exactly 10 booked, everyone else told 「已约满」, no 5xx', async function () {
    this.timeout(120_000);
    const hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ periods: [{ key: 'am', start: '09:00', end: '12:00', capacity: 10 }] })
      .expect(200);
    const date = await nextOpenDate(s.url, hall, DIBAO);
    const people = [];
    for (let i = 0; i < 200; i += 20)
      people.push(...(await Promise.all(Array.from({ length: 20 }, () => realNamed(s.url)))));
    const results = await Promise.all(
      people.map((c) =>
        request(s.url).post('/api/bookings').set(c.auth).send({ hallId: hall, serviceCode: DIBAO, date, period: 'am' }),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual([...byStatus.entries()].sort(), [
      [201, 10],
      [409, 190],
    ]);
    for (const r of results.filter((x) => x.status === 409)) {
      assert.equal(r.body.error.code, 'SLOT_FULL');
      assert.match(r.body.error.message, /已约满/);
    }
    const [[slot]] = (await s.app.platform.db.query(
      `SELECT booked, capacity FROM booking_slots WHERE hall_id = ${hall} AND date = '${date}'`,
    )) as [Array<{ booked: number; capacity: number }>, unknown];
    assert.equal(Number(slot.booked), 10);
    const [[count]] = (await s.app.platform.db.query(`SELECT COUNT(*) AS n FROM bookings WHERE hall_id = ${hall}`)) as [
      Array<{ n: number }>,
      unknown,
    ];
    assert.equal(Number(count.n), 10);
  });

  it('one person firing at every period at once holds one booking', async () => {
    const hall = await createHall(s.url, adminAuth);
    const date = await nextOpenDate(s.url, hall, DIBAO).catch(async () => {
      await request(s.url).put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`).set(adminAuth).send({}).expect(200);
      return nextOpenDate(s.url, hall, DIBAO);
    });
    const c = await realNamed(s.url);
    const periods = ['am1', 'am2', 'am3', 'pm1', 'pm2', 'pm3'];
    const results = await Promise.all(
      [...periods, ...periods].map((period) =>
        request(s.url).post('/api/bookings').set(c.auth).send({ hallId: hall, serviceCode: DIBAO, date, period }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.ok(
      results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'ALREADY_BOOKED'),
    );
    const [[sum]] = (await s.app.platform.db.query(
      `SELECT SUM(booked) AS n FROM booking_slots WHERE hall_id = ${hall}`,
    )) as [Array<{ n: number }>, unknown];
    assert.equal(Number(sum.n), 1, 'seats taken by refused attempts were given back');
  });

  it('never slows an honest user, but stops a script hammering the booking endpoint', async () => {
    const hall = await createHall(s.url, adminAuth);
    await request(s.url).put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`).set(adminAuth).send({}).expect(200);
    const c = await realNamed(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++)
      statuses.push(
        (
          await request(s.url)
            .post('/api/bookings')
            .set(c.auth)
            .send({ hallId: hall, serviceCode: DIBAO, date: '2020-01-06', period: 'am1' })
        ).status,
      );
    assert.ok(
      statuses.slice(0, 30).every((x) => x === 409),
      'the first attempts are answered on their merits',
    );
    const limited = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: '2020-01-06', period: 'am1' })
      .expect(429);
    assert.equal(limited.body.error.code, 'TOO_MANY_REQUESTS');
    assert.match(limited.body.error.message, /频繁/);
  });
});
