import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, hallStaff, realNamed } from '../halls/fixtures';
import { messages, periodLaterToday, today } from './helpers';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe("The hall's desk: day list, check-in by code or scan, no-shows, Excel, scope", () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hallA: number;
  let hallB: number;
  let staffA: { auth: Record<string, string> };
  let staffB: { auth: Record<string, string> };

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    const period = periodLaterToday(s, 20);
    // Both halls open today all day, whatever today is.
    for (const name of ['A', 'B']) {
      const id = await createHall(s.url, adminAuth, { name: `签到测试大厅${name}` });
      await request(s.url)
        .put(`/api/staff/halls/${id}/days/${today(s)}`)
        .set(adminAuth)
        .send({ open: true, hours: [['00:00', '23:59']] })
        .expect(200);
      await request(s.url)
        .put(`/api/staff/halls/${id}/booking-configs/${DIBAO}`)
        .set(adminAuth)
        .send({ periods: [period], cutoffMinutes: 0, cancelMinutes: 0, noShowLimit: 1 })
        .expect(200);
      if (name === 'A') hallA = id;
      else hallB = id;
    }
    staffA = await hallStaff(s.url, adminAuth, [hallA]);
    staffB = await hallStaff(s.url, adminAuth, [hallB]);
  });
  after(async () => s?.close());

  const bookToday = async (hall: number) => {
    const c = await realNamed(s.url, { name: '王小明' });
    const { body } = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hall, serviceCode: DIBAO, date: today(s), period: 'today' })
      .expect(201);
    return { c, code: body.booking.code as string };
  };

  it('checks in by scanned QR payload, hands out a booked-lane ticket, and tells the citizen', async () => {
    const { c, code } = await bookToday(hallA);
    const r = await request(s.url)
      .post(`/api/staff/halls/${hallA}/check-ins`)
      .set(staffA.auth)
      .send({ code: `MZBK:${code}` })
      .expect(200);
    assert.equal(r.body.status, 'checked_in');
    assert.match(r.body.ticket.label, /^[A-Z]\d{3}$/);
    assert.equal(r.body.booker.name, '王**');
    assert.match(r.body.booker.idNumber, /^\d{6}\*{8}\d{3}[\dX]$/);
    const again = await request(s.url)
      .post(`/api/staff/halls/${hallA}/check-ins`)
      .set(staffA.auth)
      .send({ code })
      .expect(409);
    assert.equal(again.body.error.code, 'ALREADY_CHECKED_IN');
    assert.ok(
      (await messages(s.url, c.auth)).some((m) => m.title.includes('已签到') && m.body.includes(r.body.ticket.label)),
    );
    const ticket = await request(s.url).get(`/api/queue/tickets/${r.body.ticket.id}`).set(c.auth).expect(200);
    assert.equal(ticket.body.ticket.lane, 'booked');
  });

  it('keeps staff of hall B from checking in at hall A, either way round', async () => {
    const { code } = await bookToday(hallA);
    const viaA = await request(s.url)
      .post(`/api/staff/halls/${hallA}/check-ins`)
      .set(staffB.auth)
      .send({ code })
      .expect(404);
    assert.equal(viaA.body.error.code, 'NOT_FOUND');
    const viaB = await request(s.url)
      .post(`/api/staff/halls/${hallB}/check-ins`)
      .set(staffB.auth)
      .send({ code })
      .expect(404);
    assert.match(viaB.body.error.message, /本大厅没有这个预约码/);
    await request(s.url)
      .get(`/api/staff/halls/${hallA}/bookings`)
      .query({ date: today(s) })
      .set(staffB.auth)
      .expect(404);
    await request(s.url)
      .get(`/api/staff/halls/${hallA}/bookings.xlsx`)
      .query({ date: today(s) })
      .set(staffB.auth)
      .expect(404);
    const citizen = await realNamed(s.url);
    await request(s.url).post(`/api/staff/halls/${hallA}/check-ins`).set(citizen.auth).send({ code }).expect(401);
    await request(s.url)
      .post(`/api/staff/halls/${hallA}/check-ins`)
      .set(staffA.auth)
      .send({ code: 'bad code!' })
      .expect(400);
  });

  it('lists the day with masked names, exports it to Excel, and audits both reads', async () => {
    const { code } = await bookToday(hallA);
    const list = await request(s.url)
      .get(`/api/staff/halls/${hallA}/bookings`)
      .query({ date: today(s) })
      .set(staffA.auth)
      .expect(200);
    const row = list.body.items.find((i: { code: string }) => i.code === code);
    assert.equal(row.booker.name, '王**');
    assert.equal(JSON.stringify(list.body).includes('王小明'), false);
    const xlsx = await request(s.url)
      .get(`/api/staff/halls/${hallA}/bookings.xlsx`)
      .query({ date: today(s) })
      .set(staffA.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.match(xlsx.headers['content-type'], /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    assert.ok(cells.includes(code));
    assert.ok(cells.includes('王**'));
    const [audits] = await s.app.platform.db.query(
      "SELECT action FROM audit_logs WHERE action IN ('bookings.day_list', 'bookings.export')",
    );
    assert.ok((audits as unknown[]).length >= 2);
  });

  it('marks a no-show, tells the consequence, and the configured ban then applies', async () => {
    const { c, code } = await bookToday(hallA);
    await request(s.url).post(`/api/staff/halls/${hallA}/bookings/${code}/no-show`).set(staffA.auth).expect(200);
    assert.ok(
      (await messages(s.url, c.auth)).some((m) => m.title.includes('未按时到场') && m.body.includes('不能再预约')),
    );
    const r = await request(s.url)
      .post('/api/bookings')
      .set(c.auth)
      .send({ hallId: hallA, serviceCode: DIBAO, date: today(s), period: 'today' })
      .expect(403);
    assert.equal(r.body.error.code, 'NO_SHOW_BANNED');
    assert.match(r.body.error.message, /前不能预约/);
    await request(s.url).post(`/api/staff/halls/${hallA}/check-ins`).set(staffA.auth).send({ code }).expect(409);
  });
});
