import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { periodLaterToday, today } from '../bookings/helpers';
import { admin, createHall, DIBAO, realNamed } from '../halls/fixtures';
import { createOrg } from '../social-orgs/helpers';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

type HallRow = {
  hallId: number;
  hallName: string;
  made: number;
  cancelled: number;
  noShow: number;
  noShowRate: number;
};

describe('Statistics: roll-ups kept as events happen, read within the staff member’s scope', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let chaoyangHall: number;
  let haidianHall: number;
  let chaoyang: { auth: Record<string, string> };

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    const period = periodLaterToday(s, 20);
    chaoyangHall = await createHall(s.url, adminAuth, { name: '朝阳区婚姻登记处', divisionCode: '110105' });
    haidianHall = await createHall(s.url, adminAuth, { name: '海淀区婚姻登记处', divisionCode: '110108' });
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
    const username = `chaoyang.stats.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(adminAuth)
      .send({
        username,
        displayName: '朝阳区工作人员',
        password: 'Chaoyang-pass-1',
        roles: ['hall_staff', 'org_officer'],
        scope: { divisions: ['110105'], halls: [] },
      })
      .expect(201);
    chaoyang = await loginStaff(s.url, username, 'Chaoyang-pass-1');
  });
  after(async () => s?.close());

  const bookToday = async (hall: number) => {
    const c = await realNamed(s.url, { name: '李小红' });
    const { body } = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: today(s), period: 'today' })
      .expect(201);
    return { c, code: body.booking.code as string };
  };
  const bookingStats = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/staff/stats/bookings').set(auth).expect(200)).body;

  it('counts bookings made, cancelled and no-shows per hall and day; each region sees only its own halls', async () => {
    await bookToday(chaoyangHall);
    const { code } = await bookToday(chaoyangHall);
    await request(s.url).post(`/api/staff/halls/${chaoyangHall}/bookings/${code}/no-show`).set(adminAuth).expect(200);
    const haidian = await bookToday(haidianHall);
    await request(s.url).post(`/api/bookings/${haidian.code}/cancel`).set(haidian.c.auth).expect(200);

    // (Other suites sharing this database add halls in 朝阳 too: only these two halls are asserted.)
    const mine = await bookingStats(chaoyang.auth);
    const row = mine.halls.find((h: HallRow) => h.hallId === chaoyangHall);
    assert.deepEqual(
      [row.hallName, row.made, row.cancelled, row.noShow, row.noShowRate],
      ['朝阳区婚姻登记处', 2, 0, 1, 50],
    );
    assert.ok(!mine.halls.some((h: HallRow) => h.hallId === haidianHall));
    const day = mine.days.find((d: { date: string }) => d.date === today(s));
    assert.ok(day.made >= 2 && day.noShow >= 1);

    const all = await bookingStats(adminAuth);
    const haidianRow = all.halls.find((h: HallRow) => h.hallId === haidianHall);
    assert.deepEqual([haidianRow.made, haidianRow.cancelled, haidianRow.noShow], [1, 1, 0]);
    assert.ok(all.totals.made >= 3);

    // Counted by the event's own transaction (a row each), not by reading bookings at request time;
    // the fold job leaves one row per key and the same answer.
    const rollup = async () =>
      (
        (await s.app.platform.db.query(
          `SELECT metric, value FROM stats_daily WHERE hall_id = ${chaoyangHall} ORDER BY metric, id`,
        )) as [Array<{ metric: string; value: number | string }>, unknown]
      )[0].map((r) => [r.metric, Number(r.value)]);
    const sum = (rows: Array<Array<string | number>>, metric: string) =>
      rows.filter((r) => r[0] === metric).reduce((a, r) => a + Number(r[1]), 0);
    const before = await rollup();
    assert.deepEqual([sum(before, 'bookings.made'), sum(before, 'bookings.no_show')], [2, 1]);
    await s.app.modules.stats.compact.run();
    // (Each event also counts in its month's row, which a range over whole past months reads.)
    assert.deepEqual(await rollup(), [
      ['bookings.made', 2],
      ['bookings.no_show', 1],
      ['month.bookings.made', 2],
      ['month.bookings.no_show', 1],
    ]);
    assert.deepEqual((await bookingStats(chaoyang.auth)).halls.find((h: HallRow) => h.hallId === chaoyangHall).made, 2);
  });

  it('folds what arrived since its last run, each time, however large the table has grown', async () => {
    const rowsOf = async () =>
      (
        (await s.app.platform.db.query(
          `SELECT value FROM stats_daily WHERE hall_id = ${haidianHall} AND metric = 'bookings.cancelled'`,
        )) as [Array<{ value: number | string }>, unknown]
      )[0].map((r) => Number(r.value));
    const cancel = (n: number) =>
      s.app.platform.db.transaction(async (t) => {
        for (let i = 0; i < n; i++) await s.app.modules.stats.record.booking(t, haidianHall, 'cancelled');
      });
    await s.app.modules.stats.compact.run();
    const start = (await rowsOf()).reduce((a, b) => a + b, 0);
    await cancel(3);
    await s.app.modules.stats.compact.run();
    assert.deepEqual(await rowsOf(), [start + 3], 'one row per key after the run');
    // Rows that arrive after a run are folded by the next one into the same key's row.
    await cancel(2);
    assert.equal((await rowsOf()).length, 3);
    await s.app.modules.stats.compact.run();
    assert.deepEqual(await rowsOf(), [start + 5]);
    // A run with nothing new changes nothing.
    await s.app.modules.stats.compact.run();
    assert.deepEqual(await rowsOf(), [start + 5]);
  });

  it('gives the queue waiting time per hall and hour from the histogram: median and 90th percentile', async () => {
    const issued = await request(s.url)
      .post(`/api/staff/halls/${chaoyangHall}/queue/tickets`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO })
      .expect(201);
    assert.ok(issued.body.ticket.label);
    s.app.platform.clock.advance(12 * 60_000);
    const called = await request(s.url)
      .post(`/api/staff/halls/${chaoyangHall}/windows/3/call-next`)
      .set(adminAuth)
      .expect(200);
    assert.equal(called.body.ticket.label, issued.body.ticket.label);

    const { body } = await request(s.url)
      .get('/api/staff/stats/queue')
      .query({ from: today(s), to: today(s) })
      .set(chaoyang.auth)
      .expect(200);
    const hall = body.halls.find((h: { hallId: number }) => h.hallId === chaoyangHall);
    assert.equal(hall.called, 1);
    // One wait of 12 minutes, in the 10–15 minute bucket.
    assert.ok(hall.medianMinutes >= 10 && hall.medianMinutes <= 15, hall.medianMinutes);
    assert.ok(hall.p90Minutes >= hall.medianMinutes);
    assert.ok(body.buckets.find((b: { label: string }) => b.label === '10–15分钟').count >= 1);
    assert.equal(body.byHallHour.filter((c: { hallId: number }) => c.hallId === chaoyangHall).length, 1);

    const haidianOnly = await request(s.url)
      .post(`/api/staff/halls/${haidianHall}/queue/tickets`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO })
      .expect(201);
    assert.ok(haidianOnly.body.ticket);
    await request(s.url).post(`/api/staff/halls/${haidianHall}/windows/3/call-next`).set(adminAuth).expect(200);
    const again = await request(s.url).get('/api/staff/stats/queue').set(chaoyang.auth).expect(200);
    const ids = again.body.halls.map((h: { hallId: number }) => h.hallId);
    assert.ok(ids.includes(chaoyangHall) && !ids.includes(haidianHall));
    const everyone = await request(s.url).get('/api/staff/stats/queue').set(adminAuth).expect(200);
    const seen = everyone.body.halls.filter((h: { hallId: number }) => [chaoyangHall, haidianHall].includes(h.hallId));
    assert.deepEqual(
      seen.map((h: { called: number }) => h.called),
      [1, 1],
    );
  });

  it('answers nationwide with the sum of the per-hall data, and a ticket called after a read shows at once', async () => {
    type Summary = { called: number; medianMinutes: number | null; p90Minutes: number | null };
    type Answer = {
      halls: Array<{ hallId: number } & Summary>;
      hours: Array<{ hour: number } & Summary>;
      byHallHour: Array<{ hallId: number; hour: number } & Summary>;
      buckets: Array<{ label: string; count: number }>;
      totals: Summary;
    };
    const read = async (auth: Record<string, string>) =>
      (
        await request(s.url)
          .get('/api/staff/stats/queue')
          .query({ from: today(s), to: today(s) })
          .set(auth)
          .expect(200)
      ).body as Answer;
    const sum = (xs: Array<{ called: number }>) => xs.reduce((n, x) => n + x.called, 0);
    const consistent = (a: Answer) => {
      assert.ok(a.totals.called > 0);
      assert.equal(sum(a.halls), a.totals.called);
      assert.equal(sum(a.hours), a.totals.called);
      assert.equal(sum(a.byHallHour), a.totals.called);
      assert.equal(
        a.buckets.reduce((n, b) => n + b.count, 0),
        a.totals.called,
      );
      for (const h of a.halls) assert.equal(sum(a.byHallHour.filter((c) => c.hallId === h.hallId)), h.called);
    };
    const before = await read(adminAuth);
    consistent(before);
    // Each region's own answer is the nationwide answer's row for its halls.
    const mine = await read(chaoyang.auth);
    for (const h of mine.halls)
      assert.deepEqual(
        h,
        before.halls.find((n) => n.hallId === h.hallId),
      );
    // The answer just read is kept; a ticket called now must still show in the next read.
    await request(s.url)
      .post(`/api/staff/halls/${chaoyangHall}/queue/tickets`)
      .set(adminAuth)
      .send({ serviceCode: DIBAO })
      .expect(201);
    await request(s.url).post(`/api/staff/halls/${chaoyangHall}/windows/3/call-next`).set(adminAuth).expect(200);
    const after = await read(adminAuth);
    consistent(after);
    assert.equal(after.totals.called, before.totals.called + 1);
    const hallOf = (a: Answer) => a.halls.find((h) => h.hallId === chaoyangHall)?.called ?? 0;
    assert.equal(hallOf(after), hallOf(before) + 1);
    assert.equal(hallOf(await read(chaoyang.auth)), hallOf(after));
  });

  it('counts complaints by status and the time to close, within the division', async () => {
    const totals = async () =>
      (await request(s.url).get('/api/staff/stats/complaints').set(chaoyang.auth).expect(200)).body.totals;
    const before = await totals();
    const closeHours = async () =>
      Number(
        (
          (await s.app.platform.db.query(
            "SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE metric = 'complaints.close_hours' AND division_code = '110105'",
          )) as [Array<{ n: number | string }>, unknown]
        )[0][0].n,
      );
    const hoursBefore = await closeHours();
    const org = await createOrg(s.url, adminAuth, { name: '北京市朝阳区社区志愿者协会' });
    const c = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(c.auth)
      .send({
        target: { uscc: org.uscc },
        category: 'fees',
        content: '该协会以办理会员证为名收取每人300元费用，未开具任何票据。',
        idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
      })
      .expect(201);
    const list = await request(s.url)
      .get('/api/staff/social-orgs/complaints')
      .query({ status: 'submitted' })
      .set(chaoyang.auth)
      .expect(200);
    const id = list.body.items.find((i: { targetName: string }) => i.targetName === '北京市朝阳区社区志愿者协会').id;
    await request(s.url).post(`/api/staff/social-orgs/complaints/${id}/accept`).set(chaoyang.auth).expect(200);
    s.app.platform.clock.advance(2 * 3600_000);
    await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${id}/reject`)
      .set(chaoyang.auth)
      .send({ reason: '经核查，该收费属会员自愿缴纳的会费。' })
      .expect(200);
    const after = await totals();
    assert.deepEqual(
      ['submitted', 'accepted', 'rejected', 'answered'].map((k) => after[k] - before[k]),
      [1, 1, 1, 0],
    );
    assert.equal((await closeHours()) - hoursBefore, 2);
    assert.equal(typeof after.averageDaysToClose, 'number');
    const shenzhenName = `shenzhen.stats.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(adminAuth)
      .send({
        username: shenzhenName,
        displayName: '深圳市工作人员',
        password: 'Shenzhen-pass-1',
        roles: ['org_officer'],
        scope: { divisions: ['65'], halls: [] },
      })
      .expect(201);
    const shenzhen = await loginStaff(s.url, shenzhenName, 'Shenzhen-pass-1');
    const none = await request(s.url).get('/api/staff/stats/complaints').set(shenzhen.auth).expect(200);
    assert.deepEqual(none.body.days, []);
    assert.equal(none.body.totals.submitted, 0);
  });

  it('refuses a bad range with 400 in Chinese, and caps it at 366 days', async () => {
    const bad = await request(s.url)
      .get('/api/staff/stats/bookings')
      .query({ from: '2026-02-30', to: '2026-03-01' })
      .set(chaoyang.auth)
      .expect(400);
    assert.equal(bad.body.error.code, 'BAD_RANGE');
    assert.match(bad.body.error.message, /日期/);
    const reversed = await request(s.url)
      .get('/api/staff/stats/queue')
      .query({ from: '2026-03-02', to: '2026-03-01' })
      .set(chaoyang.auth)
      .expect(400);
    assert.match(reversed.body.error.message, /开始日期不能晚于结束日期/);
    const long = await request(s.url)
      .get('/api/staff/stats/complaints')
      .query({ from: '2025-01-01', to: '2026-03-01' })
      .set(chaoyang.auth)
      .expect(400);
    assert.match(long.body.error.message, /最长366天/);
    const garbled = await request(s.url)
      .get('/api/staff/stats/bookings')
      .query({ from: 'yesterday' })
      .set(chaoyang.auth)
      .expect(400);
    assert.equal(garbled.body.error.code, 'VALIDATION_FAILED');
    await request(s.url).get('/api/staff/stats/bookings').expect(401);
  });

  it('downloads each dashboard as Excel', async () => {
    const res = await request(s.url)
      .get('/api/staff/stats/bookings')
      .query({ format: 'xlsx' })
      .set(chaoyang.auth)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const byHall = book.getWorksheet('按大厅');
    assert.ok(byHall);
    const values = byHall.getSheetValues().flat().map(String);
    assert.ok(values.includes('朝阳区婚姻登记处'));
    assert.ok(!values.includes('海淀区婚姻登记处'));
  });

  it('keeps yesterday’s counts once read, and still counts what happens today (last: it moves the clock a day)', async () => {
    const cancel = () =>
      s.app.platform.db.transaction((t) => s.app.modules.stats.record.booking(t, chaoyangHall, 'cancelled'));
    const cancelled = async (from: string, to: string) =>
      (await request(s.url).get('/api/staff/stats/bookings').query({ from, to }).set(chaoyang.auth).expect(200)).body
        .totals.cancelled as number;
    const first = today(s);
    const before = await cancelled(first, first);
    await cancel();
    assert.equal(await cancelled(first, first), before + 1, 'today’s counts are live');
    s.app.platform.clock.advance(24 * 3600_000);
    const second = today(s);
    assert.equal(await cancelled(first, second), before + 1, 'yesterday, now read from the kept sums');
    await cancel();
    await cancel();
    assert.equal(await cancelled(first, second), before + 3, 'and today’s added to them');
    assert.equal(await cancelled(second, second), 2);
    assert.equal(await cancelled(first, first), before + 1);
  });
});
