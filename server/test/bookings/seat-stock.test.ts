import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { loginCitizen } from '../../../test/support/citizen';
import { nextOpenDate } from './helpers';

/**
 * A rush is refused from the shared seat stock once the seats are gone (README: booking rush).
 * These stories keep the stock honest: a seat given back, not taken, or added by staff is
 * bookable at once, not after the stock's lifetime.
 */
describe('The shared seat stock never refuses a seat that is there', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  let date: string;
  let second: Awaited<ReturnType<typeof realNamed>>;
  const book = (auth: Record<string, string>) =>
    request(s.url).post('/api/bookings').set(auth).send({ hallId: hall, serviceCode: DIBAO, date, period: 'am' });
  const setCapacity = (capacity: number) =>
    request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ periods: [{ key: 'am', start: '09:00', end: '12:00', capacity }] })
      .expect(200);

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await setCapacity(1);
    date = await nextOpenDate(s.url, hall, DIBAO);
  });
  after(async () => s.close());

  it('a citizen who cannot book (no real name) leaves the last seat to the next one', async () => {
    const anonymous = await loginCitizen(s.url);
    const refused = await book(anonymous.auth).expect(403);
    assert.equal(refused.body.error.code, 'REAL_NAME_REQUIRED');
    const first = await realNamed(s.url);
    await book(first.auth).expect(201);
  });

  it('the seat is gone for the next one, and back at once when the booking is cancelled', async () => {
    second = await realNamed(s.url);
    const full = await book(second.auth).expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
    assert.match(full.body.error.message, /已约满/);

    const holder = await realNamed(s.url);
    // Make room the honest way: raise the capacity to 2, let `holder` take the new seat, then
    // have the holder cancel: the seat is bookable again immediately.
    await setCapacity(2);
    const held = await book(holder.auth).expect(201);
    await book(second.auth).expect(409);
    await request(s.url).post(`/api/bookings/${held.body.booking.code}/cancel`).set(holder.auth).expect(200);
    await book(second.auth).expect(201);
  });

  it('refusals of someone who already holds a booking do not use the last seat up', async () => {
    // Two booked; a third seat appears. A holder asks for it again and again: each time a seat
    // of the stock is held for a moment and given back with the answer 「已有预约」.
    await setCapacity(3);
    for (let i = 0; i < 10; i++) assert.equal((await book(second.auth)).body.error.code, 'ALREADY_BOOKED');
    const last = await realNamed(s.url);
    await book(last.auth).expect(201);
    const [[slot]] = (await s.app.platform.db.query(
      `SELECT booked, capacity FROM booking_slots WHERE hall_id = ${hall} AND date = '${date}' AND period = 'am'`,
    )) as [Array<{ booked: number; capacity: number }>, unknown];
    assert.deepEqual([Number(slot.booked), Number(slot.capacity)], [3, 3]);
  });
});
