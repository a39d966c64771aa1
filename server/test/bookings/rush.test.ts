import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { drawOrder } from '../../src/modules/bookings/rush';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { messages, nextOpenDate } from './helpers';

describe('Rush dates in fair mode: entries until a deadline, a draw anyone can re-run', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  let date: string;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({
        periods: [
          { key: 'am', start: '09:00', end: '12:00', capacity: 1 },
          { key: 'pm', start: '13:30', end: '17:00', capacity: 1 },
        ],
      })
      .expect(200);
    date = await nextOpenDate(s.url, hall, DIBAO, 1);
  });
  after(async () => s.close());

  it('collects entries, draws with a published seed, books the winners and tells everyone', async function () {
    this.timeout(20_000);
    const deadline = new Date(s.app.platform.clock.now() + 60_000).toISOString();
    const { body: created } = await request(s.url)
      .post(`/api/staff/halls/${hall}/rush-days`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO, date, entryDeadline: deadline })
      .expect(201);
    const id = created.rushDay.id;
    const av = await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hall, serviceCode: DIBAO, from: date, days: 1 })
      .expect(200);
    assert.equal(av.body.days[0].status, 'lottery');

    const people = await Promise.all(Array.from({ length: 5 }, () => realNamed(s.url)));
    const grab = await request(s.url)
      .post('/api/bookings')
      .set(people[0].auth)
      .send({ hallId: hall, serviceCode: DIBAO, date, period: 'am' })
      .expect(409);
    assert.equal(grab.body.error.code, 'RUSH_LOTTERY');
    for (const c of people) await request(s.url).post(`/api/rush-days/${id}/entries`).set(c.auth).expect(201);
    const twice = await request(s.url).post(`/api/rush-days/${id}/entries`).set(people[0].auth).expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_ENTERED');

    assert.equal(await s.app.modules.bookings.rush.drawDue(), 0, 'not before the deadline');
    // The deadline passes (the draw job runs each minute; here we run it directly).
    s.app.platform.clock.advance(61_000);
    const late = await realNamed(s.url);
    assert.equal(
      (await request(s.url).post(`/api/rush-days/${id}/entries`).set(late.auth).expect(409)).body.error.code,
      'ENTRY_CLOSED',
    );
    assert.equal(await s.app.modules.bookings.rush.drawDue(), 1);
    assert.equal(await s.app.modules.bookings.rush.drawDue(), 0, 'drawn once');

    const { body } = await request(s.url).get(`/api/rush-days/${id}`).expect(200);
    const r = body.rushDay;
    assert.equal(r.status, 'drawn');
    assert.match(r.seed, /^[0-9a-f]{32}$/);
    assert.equal(r.entries.filter((e: { result: string }) => e.result === 'won').length, 2);
    // Anyone re-running the published rule gets the same winners.
    const order = drawOrder(
      r.seed,
      r.entries.map((e: { entryNo: number }) => e.entryNo),
    );
    assert.deepEqual(
      order.slice(0, 2).sort(),
      r.entries
        .filter((e: { result: string }) => e.result === 'won')
        .map((e: { entryNo: number }) => e.entryNo)
        .sort(),
    );

    let winners = 0;
    for (const c of people) {
      const mine = await request(s.url).get(`/api/rush-days/${id}`).set(c.auth).expect(200);
      const msgs = await messages(s.url, c.auth);
      if (mine.body.myEntry.result === 'won') {
        winners++;
        const b = await request(s.url).get('/api/bookings/mine').set(c.auth).expect(200);
        assert.equal(b.body.items[0].date, date);
        assert.ok(msgs.some((m) => m.title.includes('中签')));
      } else {
        assert.ok(msgs.some((m) => m.title.includes('未中签') && m.body.includes(r.seed)));
      }
    }
    assert.equal(winners, 2);
  });

  it('refuses rush days set up wrongly', async () => {
    const past = await request(s.url)
      .post(`/api/staff/halls/${hall}/rush-days`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO, date, entryDeadline: '2000-01-01T00:00:00+08:00' })
      .expect(409);
    assert.equal(past.body.error.code, 'DEADLINE_PAST');
    const after = await request(s.url)
      .post(`/api/staff/halls/${hall}/rush-days`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO, date, entryDeadline: `${date}T10:00:00+08:00` })
      .expect(409);
    assert.equal(after.body.error.code, 'DEADLINE_TOO_LATE');
    const bad = await request(s.url)
      .post(`/api/staff/halls/${hall}/rush-days`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO, date, entryDeadline: 'tomorrow' })
      .expect(400);
    assert.ok(bad.body.error.fields.entryDeadline);
  });
});
