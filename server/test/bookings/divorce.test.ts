import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { coolingOff } from '../../src/modules/bookings/divorce';
import { admin, createHall, DIVORCE, hallStaff, realNamed } from '../halls/fixtures';
import { DAY_MS, daysBetween } from '../../src/platform/clock';
import { messages, periodLaterToday, today } from './helpers';

describe('Divorce: the 30-day cooling-off, then a second visit at the same office', () => {
  it('counts 30 days from the day after applying; a last day off work moves to the next working day', () => {
    // 2026-09-01 + 30 = 10-01, National Day: the period ends on the first working day after.
    assert.deepEqual(coolingOff('2026-09-01'), {
      appliedOn: '2026-09-01',
      coolingOffEndsOn: '2026-10-08',
      secondVisitFrom: '2026-10-09',
      secondVisitUntil: '2026-11-09',
    });
    // 2026-08-29 + 30 = 09-28, a Monday: no move.
    assert.equal(coolingOff('2026-08-29').coolingOffEndsOn, '2026-09-28');
    // 2026-01-16 + 30 = 02-15, inside the Spring Festival holiday (02-15…02-23).
    assert.equal(coolingOff('2026-01-16').coolingOffEndsOn, '2026-02-24');
    // A Saturday worked in lieu (2026-02-28) is a working day: the period may end on it.
    assert.equal(coolingOff('2026-01-29').coolingOffEndsOn, '2026-02-28');
  });

  describe('the whole story through the API', () => {
    let s: TestServer;
    let hall: number;
    let staff: { auth: Record<string, string> };
    let adminAuth: Record<string, string>;
    /** The hall opens the whole of `date` (the stories run at any hour). */
    const openAllDay = (date: string) =>
      request(s.url)
        .put(`/api/staff/halls/${hall}/days/${date}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
    before(async () => {
      s = await startServer();
      adminAuth = (await admin(s.url)).auth;
      const period = periodLaterToday(s, 10);
      hall = await createHall(s.url, adminAuth);
      await openAllDay(today(s));
      await request(s.url)
        .put(`/api/staff/halls/${hall}/booking-configs/${DIVORCE}`)
        .set(adminAuth)
        .send({ periods: [period], cutoffMinutes: 0, openDaysAhead: 90 })
        .expect(200);
      staff = await hallStaff(s.url, adminAuth, [hall]);
    });
    after(async () => s?.close());

    it('applies, cools off, opens the second visit at the same office, and books it for both', async () => {
      const a = await realNamed(s.url, { male: true, birth: '1985-05-05' });
      const b = await realNamed(s.url, { male: false, birth: '1986-06-06' });
      const { body } = await request(s.url)
        .post('/api/bookings')
        .set(a.auth)
        .send({ hallId: hall, serviceCode: DIVORCE, date: today(s), period: 'today' })
        .expect(201);
      await request(s.url).post(`/api/invitations/${body.booking.invitation.code}/accept`).set(b.auth).expect(200);
      await request(s.url)
        .post(`/api/staff/halls/${hall}/check-ins`)
        .set(staff.auth)
        .send({ code: body.booking.code })
        .expect(200);
      const done = await request(s.url)
        .post(`/api/staff/halls/${hall}/bookings/${body.booking.code}/complete`)
        .set(staff.auth)
        .expect(200);
      const expected = coolingOff(today(s));
      assert.equal(done.body.divorceCase.coolingOffEndsOn, expected.coolingOffEndsOn);
      assert.deepEqual(done.body.divorceCase.secondVisit, {
        from: expected.secondVisitFrom,
        until: expected.secondVisitUntil,
      });
      assert.ok((await messages(s.url, b.auth)).some((m) => m.title === '离婚冷静期开始'));

      const caseId = done.body.divorceCase.id;
      const early = await request(s.url)
        .post(`/api/divorce-cases/${caseId}/second-visit`)
        .set(a.auth)
        .send({ date: expected.secondVisitFrom, period: 'today' })
        .expect(409);
      assert.equal(early.body.error.code, 'COOLING_OFF');

      // The last day of the cooling-off: still closed.
      const { clock } = s.app.platform;
      clock.advance(daysBetween(today(s), expected.coolingOffEndsOn) * DAY_MS);
      assert.deepEqual(await s.app.modules.bookings.divorce.advance(), { opened: 0, lapsed: 0 });
      // The day after: the second-visit window opens (and the hall opens that day for the test).
      clock.advance(DAY_MS);
      assert.equal(today(s), expected.secondVisitFrom);
      await openAllDay(today(s));
      await s.app.platform.jobs.enqueue('bookings.divorce-cases', {});
      await s.app.platform.jobs.drain();
      const mine = await request(s.url).get('/api/divorce-cases/mine').set(b.auth).expect(200);
      assert.equal(mine.body.items[0].status, 'open');
      assert.ok((await messages(s.url, a.auth)).some((m) => m.title === '可以预约第二次到场'));

      const outside = await request(s.url)
        .post(`/api/divorce-cases/${caseId}/second-visit`)
        .set(b.auth)
        .send({ date: '2099-01-05', period: 'today' })
        .expect(409);
      assert.equal(outside.body.error.code, 'OUTSIDE_SECOND_VISIT');
      const second = await request(s.url)
        .post(`/api/divorce-cases/${caseId}/second-visit`)
        .set(b.auth)
        .send({ date: today(s), period: 'today' })
        .expect(201);
      assert.equal(second.body.booking.visit, 2);
      assert.equal(second.body.booking.hallId, hall);
      const forA = await request(s.url).get('/api/bookings/mine').set(a.auth).expect(200);
      assert.ok(
        forA.body.items.some(
          (i: { code: string; status: string }) => i.code === second.body.booking.code && i.status === 'confirmed',
        ),
      );
      // Both come back: the registrar completes the second visit, and the case is done.
      await request(s.url)
        .post(`/api/staff/halls/${hall}/check-ins`)
        .set(staff.auth)
        .send({ code: second.body.booking.code })
        .expect(200);
      await request(s.url)
        .post(`/api/staff/halls/${hall}/bookings/${second.body.booking.code}/complete`)
        .set(staff.auth)
        .expect(200);
      const finished = await request(s.url).get('/api/divorce-cases/mine').set(a.auth).expect(200);
      assert.equal(finished.body.items[0].status, 'completed');
    });

    it('keeps outsiders out, and lapses a case nobody came back for in time', async () => {
      const a = await realNamed(s.url, { male: true, birth: '1980-01-01' });
      const b = await realNamed(s.url, { male: false, birth: '1981-01-01' });
      const { body } = await request(s.url)
        .post('/api/bookings')
        .set(a.auth)
        .send({ hallId: hall, serviceCode: DIVORCE, date: today(s), period: 'today' })
        .expect(201);
      await request(s.url).post(`/api/invitations/${body.booking.invitation.code}/accept`).set(b.auth).expect(200);
      await request(s.url)
        .post(`/api/staff/halls/${hall}/check-ins`)
        .set(staff.auth)
        .send({ code: body.booking.code })
        .expect(200);
      const done = await request(s.url)
        .post(`/api/staff/halls/${hall}/bookings/${body.booking.code}/complete`)
        .set(staff.auth)
        .expect(200);
      const caseId = done.body.divorceCase.id;
      const outsider = await realNamed(s.url);
      await request(s.url).post(`/api/divorce-cases/${caseId}/withdraw`).set(outsider.auth).expect(404);
      // Nobody comes back: the second-visit window closes.
      s.app.platform.clock.advance((daysBetween(today(s), done.body.divorceCase.secondVisit.until) + 1) * DAY_MS);
      assert.deepEqual(await s.app.modules.bookings.divorce.advance(), { opened: 1, lapsed: 1 });
      const mine = await request(s.url).get('/api/divorce-cases/mine').set(a.auth).expect(200);
      assert.equal(mine.body.items[0].status, 'lapsed');
      assert.ok((await messages(s.url, b.auth)).some((m) => m.title === '离婚登记申请已失效'));
      const late = await request(s.url).post(`/api/divorce-cases/${caseId}/withdraw`).set(a.auth).expect(409);
      assert.equal(late.body.error.code, 'NOT_WITHDRAWABLE');
    });
  });
});
