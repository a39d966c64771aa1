import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { messages, nextOpenDate } from './helpers';

describe('Booking a time at a hall: calendar, rules told first, one active booking, cancel', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${DIBAO}`)
      .set(adminAuth)
      .send({ openDaysAhead: 21 })
      .expect(200);
  });
  after(async () => s.close());

  it('tells the rules, including the no-show consequence, before anyone books', async () => {
    const { body } = await request(s.url)
      .get('/api/bookings/options')
      .query({ hallId: hall, serviceCode: DIBAO })
      .expect(200);
    assert.equal(body.twoParty, false);
    assert.match(body.noShowRule, /30天内累计2次.*15天内不能再预约/);
    assert.ok(body.rules.some((r: string) => r.includes('取消')));
    assert.equal(body.config.openDaysAhead, 21);
  });

  it('shows closed days, days not open yet, and open days with seats left', async () => {
    const { body } = await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hall, serviceCode: DIBAO, days: 40 })
      .expect(200);
    const statuses = new Set(body.days.map((d: { status: string }) => d.status));
    assert.ok(statuses.has('open') && statuses.has('closed') && statuses.has('not_open_yet'), [...statuses].join());
    // A day after today: today's periods already begun are no longer offered, whatever the hour.
    const open = body.days.find(
      (d: { status: string; date: string }) => d.status === 'open' && d.date !== body.days[0].date,
    );
    assert.equal(open.remaining, 60, 'six periods of ten seats each');
    const weekend = body.days.find((d: { status: string; note: string }) => d.status === 'closed');
    assert.ok(weekend.note.length > 0);
  });

  it('books for a real-named citizen only, once per service, and gives a check-in QR', async () => {
    const anonymous = await loginCitizen(s.url);
    const date = await nextOpenDate(s.url, hall, DIBAO);
    const refused = await request(s.url)
      .post('/api/bookings')
      .set(anonymous.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date, period: 'am1' })
      .expect(403);
    assert.equal(refused.body.error.code, 'REAL_NAME_REQUIRED');

    const c = await realNamed(s.url);
    const { body } = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date, period: 'am1', consentNotices: true })
      .expect(201);
    assert.equal(body.booking.status, 'confirmed');
    assert.match(body.booking.code, /^[A-Z2-9]{8}$/);
    assert.equal(body.booking.time, '09:00-10:00');
    const again = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date, period: 'pm1' })
      .expect(409);
    assert.equal(again.body.error.code, 'ALREADY_BOOKED');

    const detail = await request(s.url).get(`/api/bookings/${body.booking.code}`).set(c.auth).expect(200);
    assert.equal(detail.body.booking.checkInPayload, `MZBK:${body.booking.code}`);
    assert.match(detail.body.booking.checkInQr, /^data:image\/png;base64,/);
    const mine = await request(s.url).get('/api/bookings/mine').set(c.auth).expect(200);
    assert.equal(mine.body.items[0].code, body.booking.code);
    const msgs = await messages(s.url, c.auth);
    assert.ok(msgs.some((m) => m.title.includes('预约成功') && m.body.includes(body.booking.code)));

    // Another citizen cannot see it.
    const other = await realNamed(s.url);
    await request(s.url).get(`/api/bookings/${body.booking.code}`).set(other.auth).expect(404);

    const periods = await request(s.url)
      .get('/api/bookings/periods')
      .query({ hallId: hall, serviceCode: DIBAO, date })
      .expect(200);
    assert.equal(periods.body.periods.find((p: { period: string }) => p.period === 'am1').remaining, 9);
    await request(s.url).post(`/api/bookings/${body.booking.code}/cancel`).set(c.auth).expect(200);
    const after = await request(s.url)
      .get('/api/bookings/periods')
      .query({ hallId: hall, serviceCode: DIBAO, date })
      .expect(200);
    assert.equal(after.body.periods.find((p: { period: string }) => p.period === 'am1').remaining, 10);
    await request(s.url).post(`/api/bookings/${body.booking.code}/cancel`).set(c.auth).expect(409);
    await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date, period: 'pm1' })
      .expect(201);
  });

  it('refuses bad input with stable codes and Chinese messages, never a 500', async () => {
    const c = await realNamed(s.url);
    const date = await nextOpenDate(s.url, hall, DIBAO);
    const post = (body: unknown) =>
      request(s.url)
        .post('/api/bookings')
        .set(c.auth)
        .send(body as object);
    const missing = await post({}).expect(400);
    assert.ok(missing.body.error.fields.hallId && missing.body.error.fields.date);
    assert.ok(
      (await post({ hallId: hall, serviceCode: DIBAO, date: '2026-02-30', period: 'am1' }).expect(400)).body.error
        .fields.date,
    );
    assert.ok(
      (await post({ hallId: 'x', serviceCode: DIBAO, date, period: 'am1' }).expect(400)).body.error.fields.hallId,
    );
    assert.ok(
      (await post({ hallId: hall, serviceCode: '../x', date, period: 'am1' }).expect(400)).body.error.fields
        .serviceCode,
    );
    assert.equal(
      (await post({ hallId: 99999999, serviceCode: DIBAO, date, period: 'am1' }).expect(404)).body.error.code,
      'NOT_FOUND',
    );
    assert.equal(
      (await post({ hallId: hall, serviceCode: 'MZ-BZ-01', date, period: 'am1' }).expect(404)).body.error.code,
      'NOT_FOUND',
    );
    assert.equal(
      (await post({ hallId: hall, serviceCode: DIBAO, date, period: 'zz9' }).expect(404)).body.error.code,
      'NOT_FOUND',
    );
    assert.equal(
      (await post({ hallId: hall, serviceCode: DIBAO, date: '2020-01-06', period: 'am1' }).expect(409)).body.error.code,
      'DATE_PAST',
    );
    // A year whose holidays are not published is 待公布 until the hall confirms its days.
    assert.equal(
      (await post({ hallId: hall, serviceCode: DIBAO, date: '2099-01-05', period: 'am1' }).expect(409)).body.error.code,
      'DATE_UNPUBLISHED',
    );
    await request(s.url)
      .put(`/api/staff/halls/${hall}/days/2099-01-06`)
      .set(adminAuth)
      .send({ open: true })
      .expect(200);
    assert.equal(
      (await post({ hallId: hall, serviceCode: DIBAO, date: '2099-01-06', period: 'am1' }).expect(409)).body.error.code,
      'NOT_OPEN_YET',
    );
    const { body: av } = await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hall, serviceCode: DIBAO, days: 14 })
      .expect(200);
    const closed = av.days.find((d: { status: string }) => d.status === 'closed');
    assert.equal(
      (await post({ hallId: hall, serviceCode: DIBAO, date: closed.date, period: 'am1' }).expect(409)).body.error.code,
      'HALL_CLOSED',
    );
    const malformed = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .set('Content-Type', 'application/json')
      .send('{"hallId":')
      .expect(400);
    assert.equal(malformed.body.error.code, 'MALFORMED_JSON');
    await request(s.url).post('/api/bookings').send({ hallId: hall }).expect(401);
    await request(s.url).get('/api/bookings/not-a-code').set(c.auth).expect(400);
    await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hall, serviceCode: DIBAO, days: 500 })
      .expect(400);
    await request(s.url).get('/api/invitations/ABCDEFGH').set(c.auth).expect(404);
    for (const r of [missing]) assert.match(r.body.error.message, /[\u4e00-\u9fa5]/);
  });
});
