import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime, staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';
import { demoPlaces } from './support';

/**
 * 祭扫 at 冬至: the cemetery holds two seats an hour back for the 绿色通道; the staff at the gate
 * book an 82-year-old without a phone (and her son) into them, and a visitor in a wheelchair once
 * the reserve is used; a 50-year-old is not let in through it. On the day, the gate scans each
 * pass once: a second scan, a pass for another day or another county's cemetery is refused.
 */
describe('殡葬服务 · 祭扫 green channel and gate check-in', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  const DAY = '2026-12-22';
  const suffix = () => String(100 + Math.floor(Math.random() * 900));
  const born = (ymd: string) => withCheckDigit(`110105${ymd}${suffix()}`);

  before(async () => {
    s = await startServer();
    places = await demoPlaces(s);
  });
  after(async () => s.close());

  it('green channel: reserved seats first, then ordinary ones; only the elderly or disabled', async () => {
    setBeijingTime(s, '2026-12-18');
    const gate = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
    const outsider = await staffAt(s.url, ['110108'], ['funeral_staff'], '海淀');
    const tooMany = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(gate.auth)
      .send({ date: DAY, from: '07:00', to: '09:00', capacity: 2, greenCapacity: 3 })
      .expect(400);
    assert.match(tooMany.body.error.message, /绿色通道名额不能超过/);
    const opened = await request(s.url)
      .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
      .set(gate.auth)
      .send({ date: DAY, from: '07:00', to: '09:00', capacity: 6, greenCapacity: 2 })
      .expect(201);
    const slot = opened.body.items[0];
    assert.equal(slot.remaining, 4, 'citizens book 4 online; 2 are held back');
    assert.equal(slot.greenRemaining, 2);

    const grandma = { visitorName: '周桂芳', idNumber: born('19440315'), reason: 'elderly', deceasedName: '周德海' };
    await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(outsider.auth)
      .send({ slotId: slot.id, ...grandma, companions: 1 })
      .expect(404);
    const young = await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({ slotId: slot.id, ...grandma, idNumber: born('19760315'), companions: 0 })
      .expect(400);
    assert.equal(young.body.error.code, 'GREEN_NOT_ELIGIBLE');
    const badId = await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({
        slotId: slot.id,
        ...grandma,
        idNumber: `${grandma.idNumber.slice(0, 17)}${grandma.idNumber[17] === '0' ? '1' : '0'}`,
        companions: 0,
      })
      .expect(400);
    assert.match(JSON.stringify(badId.body), /校验位/);

    const booked = await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({ slotId: slot.id, ...grandma, companions: 1 })
      .expect(201);
    assert.equal(booked.body.visit.visitorName, '周**');
    assert.equal(booked.body.visit.reasonName, '老年人');
    assert.equal(booked.body.visit.persons, 2);
    assert.match(booked.body.visit.qr, /^MZ-JS:[A-Z0-9]{10}$/);
    assert.ok(!JSON.stringify(booked.body).includes(grandma.idNumber), 'the ID number never comes back');
    const twice = await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({ slotId: slot.id, ...grandma, companions: 0 })
      .expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_BOOKED');

    // The reserve is used: a disabled visitor takes an ordinary seat.
    await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({
        slotId: slot.id,
        visitorName: '吴建国',
        idNumber: born('19800101'),
        reason: 'disabled',
        deceasedName: '吴大山',
        companions: 0,
      })
      .expect(201);
    const slots = (
      await request(s.url).get(`/api/funeral/places/${places.chaoyangCemetery}/visit-slots?date=${DAY}`).expect(200)
    ).body.items;
    assert.equal(slots[0].greenRemaining, 0);
    assert.equal(slots[0].remaining, 3);

    // Online, the remaining 3 and no more.
    const family = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/funeral/visits')
      .set(family.auth)
      .send({ slotId: slot.id, deceasedName: '张德明', companions: 2 })
      .expect(201);
    const over = await request(s.url)
      .post('/api/funeral/visits')
      .set((await loginCitizen(s.url)).auth)
      .send({ slotId: slot.id, deceasedName: '李四', companions: 0 })
      .expect(409);
    assert.equal(over.body.error.code, 'SLOT_FULL');
    const full = await request(s.url)
      .post('/api/staff/funeral/visits/green')
      .set(gate.auth)
      .send({
        slotId: slot.id,
        visitorName: '郑大爷',
        idNumber: born('19400101'),
        reason: 'elderly',
        deceasedName: '郑氏',
        companions: 0,
      })
      .expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
  });

  it('gate check-in: on the day, at their own cemetery, once', async () => {
    setBeijingTime(s, '2026-12-18');
    const gate = await staffAt(s.url, ['110105'], ['funeral_staff'], '福园公墓');
    const outsider = await staffAt(s.url, ['110108'], ['funeral_staff'], '海淀');
    const slots = (
      await request(s.url)
        .post(`/api/staff/funeral/places/${places.chaoyangCemetery}/visit-slots`)
        .set(gate.auth)
        .send({ date: DAY, from: '10:00', to: '11:00', capacity: 10, greenCapacity: 1 })
        .expect(201)
    ).body.items;
    const slot = slots.find((x: { start: string }) => x.start === '10:00');
    const family = await loginCitizen(s.url);
    const { visit } = (
      await request(s.url)
        .post('/api/funeral/visits')
        .set(family.auth)
        .send({ slotId: slot.id, deceasedName: '张德明', companions: 3 })
        .expect(201)
    ).body;
    const green = (
      await request(s.url)
        .post('/api/staff/funeral/visits/green')
        .set(gate.auth)
        .send({
          slotId: slot.id,
          visitorName: '刘奶奶',
          idNumber: born('19380808'),
          reason: 'elderly',
          deceasedName: '刘氏',
          companions: 0,
        })
        .expect(201)
    ).body.visit;

    const early = await request(s.url)
      .post('/api/staff/funeral/visits/check-in')
      .set(gate.auth)
      .send({ code: visit.qr })
      .expect(409);
    assert.equal(early.body.error.code, 'VISIT_NOT_TODAY');
    assert.match(early.body.error.message, /不是今天的预约/);

    setBeijingTime(s, DAY, '09:50');
    await request(s.url)
      .post('/api/staff/funeral/visits/check-in')
      .set(outsider.auth)
      .send({ code: visit.qr })
      .expect(404);
    const unknown = await request(s.url)
      .post('/api/staff/funeral/visits/check-in')
      .set(gate.auth)
      .send({ code: 'MZ-JS:ZZZZZZZZZZ' })
      .expect(404);
    assert.match(unknown.body.error.message, /未找到该预约/);

    const first = await request(s.url)
      .post('/api/staff/funeral/visits/check-in')
      .set(gate.auth)
      .send({ code: visit.qr })
      .expect(200);
    assert.equal(first.body.checkIn.persons, 4);
    assert.equal(first.body.checkIn.green, null);
    assert.equal(first.body.checkIn.deceasedName, '张**');
    const again = await request(s.url)
      .post('/api/staff/funeral/visits/check-in')
      .set(gate.auth)
      .send({ code: visit.code.toLowerCase() })
      .expect(409);
    assert.equal(again.body.error.code, 'ALREADY_CHECKED_IN');
    assert.match(again.body.error.message, /^该预约已于09:50核验入园，不能重复使用$/);

    // Two gates scan the green pass at once: one admits, the other refuses.
    const both = await Promise.all(
      [1, 2].map(() =>
        request(s.url).post('/api/staff/funeral/visits/check-in').set(gate.auth).send({ code: green.qr }),
      ),
    );
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
    const ok = both.find((r) => r.status === 200)!;
    assert.equal(ok.body.checkIn.green, '老年人');
  });
});
