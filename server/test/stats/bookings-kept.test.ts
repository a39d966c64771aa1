import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { periodLaterToday, today } from '../bookings/helpers';
import { requestStatements } from '../support/request-statements';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';

type Counts = { made: number; cancelled: number; noShow: number };
type Answer = {
  days: Array<{ date: string } & Counts>;
  halls: Array<{ hallId: number; noShowRate: number | null } & Counts>;
  totals: Counts;
};

describe('Statistics: the bookings dashboard is kept until a booking in its scope, and reads past months whole', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let chaoyangHall: number;
  let haidianHall: number;
  let chaoyang: { auth: Record<string, string> };
  /** SQL statements the server ran for requests that read the roll-ups or the halls. */
  let statements: string[] = [];

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    const period = periodLaterToday(s, 50);
    chaoyangHall = await createHall(s.url, adminAuth, { name: '朝阳区救助服务大厅', divisionCode: '110105' });
    haidianHall = await createHall(s.url, adminAuth, { name: '海淀区救助服务大厅', divisionCode: '110108' });
    for (const id of [chaoyangHall, haidianHall]) {
      await request(s.url)
        .put(`/api/staff/halls/${id}/days/${today(s)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
      await request(s.url)
        .put(`/api/staff/halls/${id}/booking-configs/${DIBAO}`)
        .set(adminAuth)
        .send({ periods: [period], cutoffMinutes: 0, cancelMinutes: 0, noShowLimit: 3 })
        .expect(200);
    }
    const username = `chaoyang.kept.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(adminAuth)
      .send({
        username,
        displayName: '朝阳区统计员',
        password: 'Chaoyang-pass-1',
        roles: ['hall_staff'],
        scope: { divisions: ['110105'], halls: [] },
      })
      .expect(201);
    chaoyang = await loginStaff(s.url, username, 'Chaoyang-pass-1');
    statements = requestStatements(s, /stats_daily|`halls`|"halls"|\bhalls\b/);
  });
  after(async () => s?.close());

  const bookToday = async (hall: number) => {
    const c = await realNamed(s.url, { name: '赵小明' });
    const { body } = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: today(s), period: 'today' })
      .expect(201);
    return { c, code: body.booking.code as string };
  };
  const read = async (auth: Record<string, string>, url = s.url, query: Record<string, string> = {}) =>
    (await request(url).get('/api/staff/stats/bookings').query(query).set(auth).expect(200)).body as Answer;
  const hallOf = (a: Answer, hall: number): Counts => {
    const row = a.halls.find((h) => h.hallId === hall);
    return { made: row?.made ?? 0, cancelled: row?.cancelled ?? 0, noShow: row?.noShow ?? 0 };
  };

  it('answers a warm read from memory, and shows a booking, a no-show and a cancellation on the next read', async () => {
    const first = await read(chaoyang.auth);
    const firstAll = await read(adminAuth);
    statements.length = 0;
    assert.deepEqual(await read(chaoyang.auth), first);
    assert.deepEqual(await read(adminAuth), firstAll);
    assert.deepEqual(statements, [], 'a warm read reads no roll-up row and no hall');

    // A booking in 海淀 retires the nationwide answer, not 朝阳's.
    await bookToday(haidianHall);
    statements.length = 0;
    assert.deepEqual(await read(chaoyang.auth), first);
    assert.deepEqual(statements, [], '朝阳 is kept: the booking is not in its scope');
    const all = await read(adminAuth);
    assert.equal(hallOf(all, haidianHall).made, hallOf(firstAll, haidianHall).made + 1);
    assert.equal(all.totals.made, firstAll.totals.made + 1);

    // In 朝阳: booked, checked in (not a count of this dashboard), another marked as a no-show.
    const booked = await bookToday(chaoyangHall);
    statements.length = 0;
    const afterBooking = await read(chaoyang.auth);
    assert.ok(statements.length > 0, 'the booking in its scope retired 朝阳’s answer: read again');
    assert.deepEqual(hallOf(afterBooking, chaoyangHall), { ...hallOf(first, chaoyangHall), made: 1 });
    assert.equal(afterBooking.totals.made, first.totals.made + 1);
    const day = afterBooking.days.find((d) => d.date === today(s));
    assert.ok(day && day.made >= 1);
    await request(s.url)
      .post(`/api/staff/halls/${chaoyangHall}/check-ins`)
      .set(adminAuth)
      .send({ code: booked.code })
      .expect(200);
    assert.deepEqual(hallOf(await read(chaoyang.auth), chaoyangHall), hallOf(afterBooking, chaoyangHall));
    const missed = await bookToday(chaoyangHall);
    assert.equal(hallOf(await read(chaoyang.auth), chaoyangHall).made, 2);
    await request(s.url)
      .post(`/api/staff/halls/${chaoyangHall}/bookings/${missed.code}/no-show`)
      .set(adminAuth)
      .expect(200);
    const afterNoShow = await read(chaoyang.auth);
    assert.deepEqual(hallOf(afterNoShow, chaoyangHall), { made: 2, cancelled: 0, noShow: 1 });
    assert.equal(afterNoShow.halls.find((h) => h.hallId === chaoyangHall)?.noShowRate, 50);

    const cancelled = await bookToday(chaoyangHall);
    assert.equal(hallOf(await read(chaoyang.auth), chaoyangHall).made, 3);
    await request(s.url).post(`/api/bookings/${cancelled.code}/cancel`).set(cancelled.c.auth).expect(200);
    assert.deepEqual(hallOf(await read(chaoyang.auth), chaoyangHall), { made: 3, cancelled: 1, noShow: 1 });
    assert.deepEqual(hallOf(await read(adminAuth), chaoyangHall), { made: 3, cancelled: 1, noShow: 1 });

    // The fold job changes how the counts are stored, not what they say.
    await s.app.modules.stats.compact.run();
    assert.deepEqual(hallOf(await read(chaoyang.auth), chaoyangHall), { made: 3, cancelled: 1, noShow: 1 });
  });

  it('shows a booking made through another process (shared Redis) once its versions are read', async function () {
    if (!TEST_REDIS_URL) {
      console.warn('    (needs REDIS_URL: processes share the dashboards’ versions through Redis; skipping)');
      this.skip();
    }
    this.timeout(120_000);
    const other = await startServer();
    try {
      const before = hallOf(await read(chaoyang.auth, other.url), chaoyangHall);
      await read(chaoyang.auth, other.url); // kept by the other process now
      await bookToday(chaoyangHall);
      // The other process re-reads the versions at most every 250 ms.
      let seen = before.made;
      for (let i = 0; i < 100 && seen !== before.made + 1; i++) {
        seen = hallOf(await read(chaoyang.auth, other.url), chaoyangHall).made;
        if (seen !== before.made + 1) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(seen, before.made + 1);
    } finally {
      await other.close();
    }
  });

  it('gives the same counts per hall for a month read from its monthly rows (last: it moves the clock)', async () => {
    const day = today(s);
    const mine = (a: Answer) => [hallOf(a, chaoyangHall), hallOf(a, haidianHall)];
    const alone = await read(adminAuth, s.url, { from: day, to: day });
    assert.ok(hallOf(alone, chaoyangHall).made >= 3);

    // Forty days on, the day's month is over: a range over it reads the month's counts per hall.
    s.app.platform.clock.advance(40 * 86_400_000);
    const monthStart = `${day.slice(0, 7)}-01`;
    const whole = await read(adminAuth, s.url, { from: monthStart, to: today(s) });
    assert.deepEqual(mine(whole), mine(alone));
    // The days are still listed day by day (from the daily rows), the same numbers.
    const thatDay = whole.days.find((d) => d.date === day);
    assert.deepEqual(
      thatDay && { made: thatDay.made, cancelled: thatDay.cancelled, noShow: thatDay.noShow },
      alone.days.find((d) => d.date === day) && {
        made: alone.days.find((d) => d.date === day)!.made,
        cancelled: alone.days.find((d) => d.date === day)!.cancelled,
        noShow: alone.days.find((d) => d.date === day)!.noShow,
      },
    );
    // A range from the day itself starts inside the month: read day by day, the same again.
    assert.deepEqual(mine(await read(adminAuth, s.url, { from: day, to: today(s) })), mine(alone));
    // The 朝阳 account, over the month, sees only its own hall.
    const own = await read(chaoyang.auth, s.url, { from: monthStart, to: today(s) });
    assert.ok(!own.halls.some((h) => h.hallId === haidianHall));
    assert.deepEqual(hallOf(own, chaoyangHall), hallOf(alone, chaoyangHall));
  });
});
