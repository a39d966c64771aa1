import assert from 'node:assert/strict';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { messages, nextOpenDate } from './helpers';

/**
 * A booking is written by plain statements in one transaction (the booking, the person's hold,
 * the notice, the day's count, the seat: platform/db/write-row). When one of them fails midway
 * nothing of the booking is left, and the seat taken from the shared stock goes back at once:
 * the same citizen, or the next, books it. Its own database: the story takes a table away.
 */
describe('A booking whose writing fails midway leaves nothing behind and gives the seat back', () => {
  let s: TestServer;
  let hall: number;
  let date: string;
  const book = (auth: Record<string, string>) =>
    request(s.url).post('/api/bookings').set(auth).send({ hallId: hall, serviceCode: DIBAO, date, period: 'am' });
  const count = async (sql: string) => {
    const [[row]] = (await s.app.platform.db.query(sql)) as [Array<{ n: number }>, unknown];
    return Number(row.n);
  };

  before(async () => {
    s = await startServer({ DATABASE_URL: await ownDatabase('booking_write_fails') });
    const adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ periods: [{ key: 'am', start: '09:00', end: '12:00', capacity: 1 }] })
      .expect(200);
    date = await nextOpenDate(s.url, hall, DIBAO);
  });
  after(async () => s.close());

  it('the notice cannot be written: no booking, no hold, no count, and the one seat is booked next', async () => {
    const first = await realNamed(s.url);
    const next = await realNamed(s.url);
    const { db } = s.app.platform;
    // The notice's insert, after the booking's and the hold's, fails: the table is away.
    await db.query('ALTER TABLE messages RENAME TO messages_away');
    try {
      const failed = await book(first.auth).expect(500);
      assert.equal(failed.body.error.code, 'INTERNAL_ERROR');
    } finally {
      await db.query('ALTER TABLE messages_away RENAME TO messages');
    }
    assert.equal(await count(`SELECT COUNT(*) AS n FROM bookings WHERE hall_id = ${hall}`), 0);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM booking_holds WHERE service_code = '${DIBAO}'`), 0);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM stats_daily WHERE hall_id = ${hall}`), 0);
    assert.equal(await count(`SELECT SUM(booked) AS n FROM booking_slots WHERE hall_id = ${hall}`), 0);

    // The seat is back in the shared stock at once (not after its lifetime), and the person
    // holds nothing: the same citizen books it, with its notice; the next is told 「已约满」.
    const booked = await book(first.auth).expect(201);
    assert.equal(booked.body.booking.status, 'confirmed');
    const full = await book(next.auth).expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
    const mine = await messages(s.url, first.auth);
    assert.equal(mine.filter((m) => m.kind === 'booking').length, 1);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM booking_holds WHERE service_code = '${DIBAO}'`), 1);
    assert.equal(await count(`SELECT SUM(booked) AS n FROM booking_slots WHERE hall_id = ${hall}`), 1);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM stats_daily WHERE hall_id = ${hall}`), 2);
  });
});
