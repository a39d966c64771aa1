import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { demoPlaces } from './support';

/**
 * 祭扫 at 清明: the cemetery's staff open hourly slots for the morning; families book a slot for
 * themselves and up to four companions and get a pass; a full slot, a second booking in the
 * same slot or a fifth companion is refused and changes nothing.
 */
describe('殡葬服务 · 祭扫 booking for 清明', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;

  before(async () => {
    s = await startServer();
    places = await demoPlaces(s);
  });
  after(async () => s.close());

  it('books hourly slots by persons, once per person per slot, with a pass', async () => {
    setBeijingTime(s, '2026-03-30');
    const clerk = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
    const outsider = await staffAt(s.url, ['110108'], ['funeral_staff'], '海淀');
    const slotsBody = { date: '2026-04-05', from: '07:00', to: '12:00', capacity: 6 };
    await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(outsider.auth)
      .send(slotsBody)
      .expect(404);
    const notCemetery = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangHome}/visit-slots`)
      .set(clerk.auth)
      .send(slotsBody)
      .expect(400);
    assert.equal(notCemetery.body.error.code, 'NOT_A_CEMETERY');
    const opened = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(clerk.auth)
      .send(slotsBody)
      .expect(201);
    assert.deepEqual(
      opened.body.items.map((x: { start: string; end: string }) => `${x.start}-${x.end}`),
      ['07:00-08:00', '08:00-09:00', '09:00-10:00', '10:00-11:00', '11:00-12:00'],
    );
    const slotId = opened.body.items[0].id;

    const family = await loginCitizen(s.url);
    const five = await request(s.url)
      .post('/api/funeral/visits')
      .set(family.auth)
      .send({ slotId, deceasedName: '张德明', companions: 5 })
      .expect(400);
    assert.match(five.body.error.message, /最多携带4名随行人员/);
    const booked = await request(s.url)
      .post('/api/funeral/visits')
      .set(family.auth)
      .send({ slotId, deceasedName: '张德明', companions: 4 })
      .expect(201);
    assert.equal(booked.body.visit.persons, 5);
    assert.equal(booked.body.visit.start, '07:00');
    assert.match(booked.body.visit.qr, /^MZ-JS:[A-Z0-9]{10}$/);
    const twice = await request(s.url)
      .post('/api/funeral/visits')
      .set(family.auth)
      .send({ slotId, deceasedName: '张德明', companions: 0 })
      .expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_BOOKED');

    // One place left: a family of two is refused, one person gets it, then the slot is full.
    const pair = await loginCitizen(s.url);
    const full = await request(s.url)
      .post('/api/funeral/visits')
      .set(pair.auth)
      .send({ slotId, deceasedName: '李桂兰', companions: 1 })
      .expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
    await request(s.url)
      .post('/api/funeral/visits')
      .set(pair.auth)
      .send({ slotId, deceasedName: '李桂兰', companions: 0 })
      .expect(201);
    const slots = (
      await request(s.url).get(`/api/funeral/places/${places.chaoyangCemetery}/visit-slots?date=2026-04-05`).expect(200)
    ).body.items;
    assert.equal(slots[0].remaining, 0);
    assert.equal(slots[1].remaining, 6);
    const mine = (await request(s.url).get('/api/funeral/visits').set(family.auth).expect(200)).body.items;
    assert.equal(mine.length, 1);
    assert.equal(mine[0].deceasedName, '张**');

    // A past slot cannot be booked.
    setBeijingTime(s, '2026-04-05', '07:30');
    const late = await request(s.url)
      .post('/api/funeral/visits')
      .set((await loginCitizen(s.url)).auth)
      .send({ slotId, deceasedName: '王五', companions: 0 })
      .expect(409);
    assert.equal(late.body.error.code, 'SLOT_PAST');
  });
});
