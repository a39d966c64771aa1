import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { lastPublishedYear } from '../../src/platform/clock/working-days';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';

/**
 * 2027-01-01 (元旦) used to be offered as a normal working day: the State Council had not published
 * 2027's arrangement, and the calendar took it for a Friday like any other.
 */
describe('Days past the published holiday schedule are 待公布 and cannot be booked', () => {
  const next = lastPublishedYear + 1;
  const newYear = `${next}-01-01`;
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  before(async () => {
    // The server lives on 12-20 of the last published year: the new year is inside the booking window.
    const offset = Date.parse(`${lastPublishedYear}-12-20T02:00:00Z`) - Date.now();
    s = await startServer({ CLOCK_OFFSET_MS: String(offset) });
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ openDaysAhead: 30 })
      .expect(200);
  });
  after(async () => s.close());

  it('shows 1 January of the unpublished year as 待公布, not as a working or a rest day', async () => {
    const { body } = await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hall, serviceCode: DIBAO, days: 30 })
      .expect(200);
    const day = body.days.find((d: { date: string }) => d.date === newYear);
    assert.ok(day, `${newYear} is in the calendar`);
    assert.equal(day.status, 'unpublished');
    assert.equal(day.note, '节假日安排待公布');
    // The last published year's days are as published.
    const before = body.days.find((d: { date: string }) => d.date === `${lastPublishedYear}-12-21`);
    assert.notEqual(before.status, 'unpublished');
  });

  it('refuses to book it on the server too, saying why, and lets it be booked once the hall confirms the day', async () => {
    const c = await realNamed(s.url);
    const refused = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: newYear, period: 'am1' })
      .expect(409);
    assert.equal(refused.body.error.code, 'DATE_UNPUBLISHED');
    assert.match(refused.body.error.message, /节假日安排尚未公布/);
    const periods = await request(s.url)
      .get('/api/bookings/periods')
      .query({ hallId: hall, serviceCode: DIBAO, date: newYear })
      .expect(200);
    assert.equal(periods.body.status, 'unpublished');
    assert.deepEqual(periods.body.periods, []);

    // The hall confirms the day (a special opening): it is a day like any other from then on.
    await request(s.url)
      .put(`/api/staff/halls/${hall}/days/${newYear}`)
      .set(adminAuth)
      .send({ open: true, hours: [['09:00', '12:00']] })
      .expect(200);
    // Calendars are memoized for 2 s per process: the confirmed day shows within that.
    let status = '';
    for (let i = 0; i < 20 && status !== 'open'; i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      const { body } = await request(s.url)
        .get('/api/bookings/availability')
        .query({ hallId: hall, serviceCode: DIBAO, days: 30 })
        .expect(200);
      status = body.days.find((d: { date: string }) => d.date === newYear).status;
    }
    assert.equal(status, 'open');
  });
});
