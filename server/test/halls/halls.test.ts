import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, hallStaff, MARRIAGE } from './fixtures';

describe('Halls: the directory, opening days over the national calendar, staff upkeep', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hallA: number;
  let hallB: number;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hallA = await createHall(s.url, adminAuth);
    hallB = await createHall(s.url, adminAuth, {
      divisionCode: '440305',
      address: '深圳市南山区测试路2号',
      latitude: 22.53,
      longitude: 113.93,
    });
  });
  after(async () => s.close());

  it('counts a 调休 Saturday as a working day and a statutory holiday as closed', async () => {
    const { body } = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-02-14', days: 3 })
      .expect(200);
    const [sat, sun, mon] = body.days;
    assert.deepEqual([sat.date, sat.open, sat.kind], ['2026-02-14', true, 'adjusted_workday']);
    assert.match(sat.note, /调休上班/);
    assert.deepEqual([sun.open, sun.kind], [false, 'holiday']);
    assert.deepEqual([mon.date, mon.open, mon.kind], ['2026-02-16', false, 'holiday']);
    assert.match(mon.note, /春节/);
    const oct = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-10-01', days: 10 })
      .expect(200);
    assert.equal(oct.body.days[0].open, false);
    assert.equal(oct.body.days[9].date, '2026-10-10');
    assert.equal(oct.body.days[9].open, true, 'the Saturday after National Day is worked');
    const plain = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-03-07', days: 3 })
      .expect(200);
    assert.deepEqual(
      plain.body.days.map((d: { open: boolean }) => d.open),
      [false, false, true],
    );
  });

  it('lets staff open a Sunday for 5/20-style rushes and close a workday, on their hall only', async () => {
    const staff = await hallStaff(s.url, adminAuth, [hallA]);
    await request(s.url)
      .put(`/api/staff/halls/${hallA}/days/2026-03-08`)
      .set(staff.auth)
      .send({ open: true, hours: [['09:00', '12:00']], note: '特别开放日' })
      .expect(200);
    await request(s.url)
      .put(`/api/staff/halls/${hallA}/days/2026-03-09`)
      .set(staff.auth)
      .send({ open: false, note: '设备检修' })
      .expect(200);
    const { body } = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-03-08', days: 2 })
      .expect(200);
    assert.deepEqual(
      [body.days[0].open, body.days[0].note, body.days[0].sessions],
      [true, '特别开放日', [['09:00', '12:00']]],
    );
    assert.deepEqual([body.days[1].open, body.days[1].note], [false, '设备检修']);
    // Hall B is not theirs: it answers as if it did not exist.
    const r = await request(s.url)
      .put(`/api/staff/halls/${hallB}/days/2026-03-08`)
      .set(staff.auth)
      .send({ open: true })
      .expect(404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
    await request(s.url).delete(`/api/staff/halls/${hallA}/days/2026-03-09`).set(staff.auth).expect(200);
    const again = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-03-09', days: 1 })
      .expect(200);
    assert.equal(again.body.days[0].open, true);
  });

  it('keeps days past the published holiday schedule closed (2027 元旦 too) until staff confirm them', async () => {
    // chinese-days carries the State Council's arrangement up to 2026; 2027-01-01 is 元旦, a Friday.
    const { body } = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2026-12-31', days: 5 })
      .expect(200);
    const [dec31, jan1, , , jan4] = body.days;
    assert.deepEqual([dec31.open, dec31.published], [true, true]);
    assert.deepEqual([jan1.date, jan1.open, jan1.published, jan1.override], ['2027-01-01', false, false, false]);
    assert.match(jan1.note, /待公布/);
    assert.deepEqual([jan4.open, jan4.published], [false, false], 'an ordinary Monday of 2027 waits as well');
    // Not bookable either, whatever the booking settings.
    await request(s.url)
      .put(`/api/staff/halls/${hallA}/booking-configs/${MARRIAGE}`)
      .set(adminAuth)
      .send({})
      .expect(200);
    const avail = await request(s.url)
      .get('/api/bookings/availability')
      .query({ hallId: hallA, serviceCode: MARRIAGE, from: '2027-01-01', days: 1 })
      .expect(200);
    assert.equal(avail.body.days[0].status, 'unpublished');
    assert.match(avail.body.days[0].note, /待公布/);

    // The hall's staff confirm: 元旦 closed, the Monday after open at the usual hours — in one request.
    const staff = await hallStaff(s.url, adminAuth, [hallA]);
    await request(s.url)
      .put(`/api/staff/halls/${hallA}/days`)
      .set(staff.auth)
      .send({
        days: [
          { date: '2027-01-01', open: false, note: '元旦放假' },
          { date: '2027-01-04', open: true },
        ],
      })
      .expect(200);
    const after = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2027-01-01', days: 4 })
      .expect(200);
    const [newYear, , , monday] = after.body.days;
    assert.deepEqual([newYear.open, newYear.note, newYear.override], [false, '元旦放假', true]);
    assert.deepEqual(
      [monday.open, monday.override, monday.sessions],
      [
        true,
        true,
        [
          ['09:00', '12:00'],
          ['13:30', '17:00'],
        ],
      ],
    );

    // Another hall's staff cannot confirm this hall's days; bad input changes nothing.
    const other = await hallStaff(s.url, adminAuth, [hallB]);
    await request(s.url)
      .put(`/api/staff/halls/${hallA}/days`)
      .set(other.auth)
      .send({ days: [{ date: '2027-01-05', open: true }] })
      .expect(404);
    const dup = await request(s.url)
      .put(`/api/staff/halls/${hallA}/days`)
      .set(staff.auth)
      .send({
        days: [
          { date: '2027-01-05', open: true },
          { date: '2027-01-05', open: false },
        ],
      })
      .expect(400);
    assert.match(dup.body.error.message, /日期不能重复/);
    const unchanged = await request(s.url)
      .get(`/api/halls/${hallA}/calendar`)
      .query({ from: '2027-01-05', days: 1 })
      .expect(200);
    assert.deepEqual([unchanged.body.days[0].open, unchanged.body.days[0].override], [false, false]);
  });

  it("honours a hall's weekly closing day", async () => {
    const id = await createHall(s.url, adminAuth, { closedWeekdays: [1] });
    const { body } = await request(s.url)
      .get(`/api/halls/${id}/calendar`)
      .query({ from: '2026-03-09', days: 2 })
      .expect(200);
    assert.equal(body.days[0].open, false);
    assert.match(body.days[0].note, /周一/);
    assert.equal(body.days[1].open, true);
  });

  it('shows a hall with its windows, services, hours with the lunch break and what is open now', async () => {
    const { body } = await request(s.url).get(`/api/halls/${hallA}`).expect(200);
    const h = body.hall;
    assert.equal(h.divisionName, '北京市朝阳区');
    assert.deepEqual(h.hours.lunchBreak, ['12:00', '13:30']);
    assert.equal(h.windows.length, 3);
    assert.equal(h.windows[0].services[0].name, '内地居民结婚登记');
    assert.ok(h.services.some((x: { code: string; bookable: boolean }) => x.code === MARRIAGE && x.bookable));
    assert.equal(typeof h.now.open, 'boolean');
    assert.ok(h.now.text.length > 0);
  });

  it('lists halls by division and service, nearest first', async () => {
    const bj = await request(s.url).get('/api/halls').query({ division: '1101' }).expect(200);
    assert.ok(bj.body.items.every((x: { divisionCode: string }) => x.divisionCode.startsWith('1101')));
    const near = await request(s.url).get('/api/halls').query({ lat: 22.5, lng: 113.9, service: MARRIAGE }).expect(200);
    assert.equal(near.body.items[0].id, hallB);
    assert.ok(near.body.items[0].distanceKm < 10);
  });

  it('answers bad input with 4xx and a Chinese message, never a 500', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/halls/abc', 400, 'VALIDATION_FAILED'],
      ['/api/halls/99999999', 404, 'NOT_FOUND'],
      ['/api/halls/1e400', 400, 'VALIDATION_FAILED'],
      [`/api/halls/${hallA}/calendar?from=2026-02-30`, 400, 'VALIDATION_FAILED'],
      [`/api/halls/${hallA}/calendar?days=100`, 400, 'VALIDATION_FAILED'],
      ['/api/halls?division=abc', 400, 'VALIDATION_FAILED'],
      ['/api/halls?lat=200', 400, 'VALIDATION_FAILED'],
    ];
    for (const [path, status, code] of cases) {
      const r = await request(s.url).get(path).expect(status);
      assert.equal(r.body.error.code, code, path);
      assert.match(r.body.error.message, /[\u4e00-\u9fa5]/);
    }
    const bad = await request(s.url)
      .post('/api/staff/halls')
      .set(adminAuth)
      .send({ name: 'x', divisionCode: '999999', address: '某地', hours: [['12:00', '09:00']] })
      .expect(400);
    assert.ok(bad.body.error.fields.hours);
    const noDiv = await request(s.url)
      .post('/api/staff/halls')
      .set(adminAuth)
      .send({ name: '某大厅', divisionCode: '999999', address: '某地', hours: [['09:00', '17:00']] })
      .expect(400);
    assert.ok(noDiv.body.error.fields.divisionCode);
    const dup = await request(s.url)
      .put(`/api/staff/halls/${hallA}/windows`)
      .set(adminAuth)
      .send({
        windows: [
          { number: '1', name: 'a', serviceCodes: [MARRIAGE] },
          { number: '1', name: 'b', serviceCodes: [MARRIAGE] },
        ],
      })
      .expect(400);
    assert.equal(dup.body.error.code, 'VALIDATION_FAILED');
    const unknown = await request(s.url)
      .put(`/api/staff/halls/${hallA}/windows`)
      .set(adminAuth)
      .send({ windows: [{ number: '9', name: 'a', serviceCodes: ['NO-SUCH'] }] })
      .expect(400);
    assert.equal(unknown.body.error.code, 'UNKNOWN_SERVICE');
    await request(s.url).post('/api/staff/halls').send({}).expect(401);
    const staff = await hallStaff(s.url, adminAuth, [hallA]);
    await request(s.url).post('/api/staff/halls').set(staff.auth).send({}).expect(403);
  });
});
