import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, MARRIAGE, realNamed } from '../halls/fixtures';
import { addDays } from '../../src/platform/clock';
import { messages, nextOpenDate, today } from './helpers';

describe('Marriage registration booking: both parties, confirmation within 24 hours or lapse', () => {
  let s: TestServer;
  let hall: number;
  let date: string;
  before(async () => {
    s = await startServer();
    const adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth);
    await request(s.url)
      .put(`/api/staff/halls/${hall}/booking-configs/${MARRIAGE}`)
      .set(adminAuth)
      .send({})
      .expect(200);
    date = await nextOpenDate(s.url, hall, MARRIAGE);
  });
  after(async () => s.close());

  const book = (auth: Record<string, string>, period = 'am1') =>
    request(s.url)
      .post('/api/bookings')
      .set(auth)
      .send({ hallId: hall, serviceCode: MARRIAGE, date, period, consentNotices: true });

  it('holds the seat for the booker, and the other party confirms with their own WeChat', async () => {
    const him = await realNamed(s.url, { male: true, birth: '1995-03-01' });
    const her = await realNamed(s.url, { male: false, birth: '1997-07-07' });
    const { body } = await book(him.auth).expect(201);
    assert.equal(body.booking.status, 'awaiting_partner');
    const invite = body.booking.invitation.code;
    assert.match(invite, /^[A-Z2-9]{8}$/);
    assert.ok((await messages(s.url, him.auth)).some((m) => m.body.includes(invite)));

    const self = await request(s.url).post(`/api/invitations/${invite}/accept`).set(him.auth).expect(409);
    assert.equal(self.body.error.code, 'SELF_INVITATION');
    const preview = await request(s.url).get(`/api/invitations/${invite}`).set(her.auth).expect(200);
    assert.equal(preview.body.invitation.inviter, '张*');
    assert.equal(preview.body.invitation.date, date);

    const ok = await request(s.url).post(`/api/invitations/${invite}/accept`).set(her.auth).expect(200);
    assert.equal(ok.body.booking.status, 'confirmed');
    assert.equal(ok.body.booking.role, 'partner');
    const hers = await request(s.url).get('/api/bookings/mine').set(her.auth).expect(200);
    assert.equal(hers.body.items[0].code, body.booking.code);
    assert.ok((await messages(s.url, him.auth)).some((m) => m.title.includes('双方已确认')));
    // Used once: the code is gone, and she now holds a marriage booking too.
    await request(s.url).post(`/api/invitations/${invite}/accept`).set(her.auth).expect(404);
    const hersAgain = await book(her.auth, 'am2').expect(409);
    assert.equal(hersAgain.body.error.code, 'ALREADY_BOOKED');
  });

  it('refuses a partner the law does not allow, and a booker under the marriage age', async () => {
    const a = await realNamed(s.url, { male: true, birth: '1990-01-01' });
    const b = await realNamed(s.url, { male: true, birth: '1991-01-01' });
    const { body } = await book(a.auth).expect(201);
    const same = await request(s.url)
      .post(`/api/invitations/${body.booking.invitation.code}/accept`)
      .set(b.auth)
      .expect(409);
    assert.equal(same.body.error.code, 'MARRIAGE_NOT_ALLOWED');
    const young = await realNamed(s.url, { male: true, birth: `${Number(date.slice(0, 4)) - 21}-01-01` });
    const r = await book(young.auth).expect(409);
    assert.equal(r.body.error.code, 'UNDER_MARRIAGE_AGE');
  });

  it('lapses an unconfirmed booking after 24 hours and gives the seat back', async () => {
    // The day booked must still be ahead once a day has passed: soon after midnight (Beijing)
    // the first open date is today, so take one at least two days away.
    for (let skip = 1; date <= addDays(today(s), 1); skip++) date = await nextOpenDate(s.url, hall, MARRIAGE, skip);
    const him = await realNamed(s.url, { male: true, birth: '1992-02-02' });
    const { body } = await book(him.auth, 'pm3').expect(201);
    const before = await request(s.url)
      .get('/api/bookings/periods')
      .query({ hallId: hall, serviceCode: MARRIAGE, date })
      .expect(200);
    const left = before.body.periods.find((p: { period: string }) => p.period === 'pm3').remaining;
    // Nearly a day passes: the invitation still holds the seat.
    s.app.platform.clock.advance(23 * 3600_000);
    assert.equal(await s.app.modules.bookings.lifecycle.lapseExpired(), 0);
    // The 24 hours are over: the invitation's deadline is behind us.
    s.app.platform.clock.advance(3600_000 + 60_000);
    await s.app.platform.jobs.enqueue('bookings.lapse-invitations', {});
    await s.app.platform.jobs.drain();
    const after = await request(s.url).get(`/api/bookings/${body.booking.code}`).set(him.auth).expect(200);
    assert.equal(after.body.booking.status, 'lapsed');
    const now = await request(s.url)
      .get('/api/bookings/periods')
      .query({ hallId: hall, serviceCode: MARRIAGE, date })
      .expect(200);
    assert.equal(now.body.periods.find((p: { period: string }) => p.period === 'pm3').remaining, left + 1);
    assert.ok(
      (await messages(s.url, him.auth)).some((m) => m.title.includes('预约已取消') && m.body.includes('24小时')),
    );
    const her = await realNamed(s.url, { male: false, birth: '1993-03-03' });
    await request(s.url).post(`/api/invitations/${body.booking.invitation.code}/accept`).set(her.auth).expect(404);
    // Running the sweep again changes nothing (idempotent).
    assert.equal(await s.app.modules.bookings.lifecycle.lapseExpired(), 0);
    // He may book again (a day later, the first open date may have moved on).
    date = await nextOpenDate(s.url, hall, MARRIAGE);
    await book(him.auth, 'pm3').expect(201);
  });
});
