import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import type { PlaceInput } from '../../src/modules/elderly';
import { realNamedCitizen } from '../assistance/support';
import { setBeijingTime, staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';

type Staff = Awaited<ReturnType<typeof staffAt>>;
type Citizen = Awaited<ReturnType<typeof realNamedCitizen>>;
interface Slot {
  id: number;
  day: string;
  period: string;
  capacity: number;
  remaining: number;
}

const idIn = (region: string, birth: string) => withCheckDigit(`${region}${birth}${String(randomInt(100, 999))}`);

/**
 * 能力评估 is a booking of the bookings module: the organization's half-days are its slots, a
 * rush of elders never gets more seats than were opened, a citizen with a live assessment
 * booking cannot book another, the booking is in 我的预约 beside the others (its code on the
 * assessment), cancelling it there withdraws the case and frees the seat, the bookings rule's
 * cancellation deadline holds on both paths, a missed one is recorded as missed, and the level
 * staff record completes the booking and raises the 助餐 subsidy.
 */
describe('养老服务 · 能力评估 as a booking of the bookings module', () => {
  let s: TestServer;
  let orgStaff: Staff;
  let officer: Staff;
  let zhao: Citizen;
  let rush: Citizen[];
  let orgId: number;
  let stationId: number;
  const township = `1101056${String(randomInt(10, 99))}`;
  const community = `${township}${String(randomInt(100, 999))}`;
  const DAY = '2026-12-10';
  const DAY2 = '2026-12-11';
  const slot: Record<string, number> = {};
  let zhaoCode = '';
  const pmWinners: { who: Citizen; number: string; bookingCode: string }[] = [];
  let pmLoser: Citizen;
  let amNumber = '';
  let amCode = '';

  const place = (name: string, kind: PlaceInput['kind']): PlaceInput => ({
    kind,
    name: `${name}${community}`,
    divisionCode: community,
    address: '北京市朝阳区评估路6号',
    lat: 39.92,
    lng: 116.47,
    phone: '010-87650000',
    hours: '08:30-17:00',
    beds: 20,
    vacancies: 2,
    careLevels: ['intact', 'mild', 'moderate'],
    stars: 2,
    intro: '评估机构',
    fees: [{ item: '床位费', unit: '元/月', priceCents: 280_000 }],
  });
  const open = (day: string, periods: { period: string; capacity: number }[]) =>
    request(s.url)
      .put(`/api/staff/elderly/places/${orgId}/assessment-slots/${day}`)
      .set(orgStaff.auth)
      .send({ periods });
  const slots = async (): Promise<Slot[]> =>
    (await request(s.url).get(`/api/elderly/places/${orgId}/assessment-slots`).expect(200)).body.items;
  const remaining = async (id: number) => (await slots()).find((x) => x.id === id)?.remaining;
  const book = (who: Citizen, body: Record<string, unknown>) =>
    request(s.url).post('/api/elderly/assessments').set(who.auth).send(body);
  const myBookings = async (who: Citizen) =>
    (await request(s.url).get('/api/bookings/mine').set(who.auth).expect(200)).body.items as {
      code: string;
      serviceName: string;
      hallName: string;
      status: string;
      statusText: string;
      date: string;
      time: string;
      checkInPayload: string | null;
    }[];
  const myAssessments = async (who: Citizen) =>
    (await request(s.url).get('/api/elderly/assessments').set(who.auth).expect(200)).body.items as {
      number: string;
      bookingCode: string | null;
      stageName: string;
      levelName: string | null;
    }[];
  const caseOf = async (number: string) => {
    const inbox = (await request(s.url).get('/api/staff/cases/inbox').set(orgStaff.auth).expect(200)).body.items;
    const found = inbox.find((c: { number: string }) => c.number === number);
    assert.ok(found, `${number} in the organization's inbox`);
    return found as { id: number; version: number };
  };
  const act = (id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(orgStaff.auth).send(body);

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    setBeijingTime(s, '2026-12-07');
    const api = s.app.modules.elderly;
    orgId = await api.registerPlace(place('能力评估中心', 'institution'));
    stationId = await api.registerPlace(place('长者食堂', 'meal_point'));
    orgStaff = await staffAt(s.url, [township], ['elderly_staff'], '评估中心评估员');
    officer = await staffAt(s.url, ['110105'], ['elderly_officer'], '朝阳养老科');
    zhao = await realNamedCitizen(s.url, '赵桂兰', idIn('110105', '19410306'));
    rush = [
      await realNamedCitizen(s.url, '钱德福', idIn('110105', '19440612')),
      await realNamedCitizen(s.url, '孙秀英', idIn('110105', '19460101')),
      await realNamedCitizen(s.url, '李长顺', idIn('110105', '19390909')),
    ];
    // 朝阳's 助餐 rule, as the other 养老 stories set it: 5 元 a meal, 8 元 when assessed 中度失能 or worse.
    await request(s.url)
      .put('/api/staff/elderly/meal-rules/110105')
      .set(officer.auth)
      .send({ minAge: 60, perMealCents: 500, assessedPerMealCents: 800 })
      .expect(200);
  });
  after(async () => s.close());

  it('opens half-days as booking slots; a rush of three for two seats gets two, the third told 已约满', async () => {
    const saved = await open(DAY, [
      { period: 'am', capacity: 1 },
      { period: 'pm', capacity: 2 },
    ]);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    for (const x of saved.body.items) slot[x.period] = x.id;
    const more = await open(DAY2, [{ period: 'am', capacity: 5 }]).expect(200);
    slot.am2 = more.body.items[0].id;

    const mine = await book(zhao, { slotId: slot.am });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.match(mine.body.number, /^PG-/);
    assert.match(mine.body.bookingCode, /^[A-Z0-9]{4,}$/);
    zhaoCode = mine.body.bookingCode;

    const all = await Promise.all(rush.map((who) => book(who, { slotId: slot.pm })));
    assert.deepEqual(all.map((r) => r.status).sort(), [201, 201, 409], JSON.stringify(all.map((r) => r.body)));
    const refused = all.find((r) => r.status === 409)!;
    assert.equal(refused.body.error.code, 'SLOT_FULL');
    assert.match(refused.body.error.message, /已约满/);
    all.forEach((r, i) => {
      if (r.status === 201) pmWinners.push({ who: rush[i], ...r.body });
      else pmLoser = rush[i];
    });
    assert.equal(await remaining(slot.pm), 0, 'never more than the two seats opened');
    const full = await book(pmLoser, { slotId: slot.am }).expect(409);
    assert.deepEqual([full.body.error.code, /已约满/.test(full.body.error.message)], ['SLOT_FULL', true]);
  });

  it('refuses a second booking of the same citizen while one is live, taking no seat', async () => {
    const second = await book(zhao, { slotId: slot.am2 }).expect(409);
    assert.equal(second.body.error.code, 'ALREADY_BOOKED');
    assert.match(second.body.error.message, /有效预约/);
    assert.equal(await remaining(slot.am2), 5);
    const lower = await open(DAY, [{ period: 'pm', capacity: 1 }]).expect(400);
    assert.equal(lower.body.error.code, 'CAPACITY_BELOW_BOOKED');
  });

  it('lists the booking in 我的预约 with the others, and the assessment carries its code', async () => {
    const listed = (await myBookings(zhao)).find((b) => b.code === zhaoCode);
    assert.ok(listed, 'in 我的预约');
    assert.deepEqual(
      [listed.serviceName, listed.hallName, listed.status, listed.date, listed.time, listed.checkInPayload],
      ['老年人能力评估', `能力评估中心${community}`, 'confirmed', DAY, '09:00-12:00', null],
    );
    const [a] = await myAssessments(zhao);
    assert.equal(a.bookingCode, zhaoCode);
    await request(s.url).get(`/api/bookings/${zhaoCode}`).set(zhao.auth).expect(200);
    await request(s.url).get(`/api/bookings/${zhaoCode}`).set(pmLoser.auth).expect(404);
  });

  it('cancelled in 我的预约: the case is withdrawn and the seat goes to the next citizen', async () => {
    await request(s.url).post(`/api/bookings/${zhaoCode}/cancel`).set(pmLoser.auth).expect(404);
    const cancelled = await request(s.url).post(`/api/bookings/${zhaoCode}/cancel`).set(zhao.auth);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.booking.status, 'cancelled');
    assert.equal((await myAssessments(zhao))[0].stageName, '已取消');
    assert.equal(await remaining(slot.am), 1);
    await request(s.url).post(`/api/bookings/${zhaoCode}/cancel`).set(zhao.auth).expect(409);

    const next = await book(pmLoser, { slotId: slot.am });
    assert.equal(next.status, 201, JSON.stringify(next.body));
    amNumber = next.body.number;
    amCode = next.body.bookingCode;
    assert.equal(await remaining(slot.am), 0);
    // Withdrawn through the assessment page, the booking is cancelled too, and its seat is free.
    const [first] = pmWinners;
    await request(s.url).post(`/api/elderly/assessments/${first.number}/withdraw`).set(first.who.auth).expect(200);
    assert.equal((await myBookings(first.who)).find((b) => b.code === first.bookingCode)?.status, 'cancelled');
    assert.equal(await remaining(slot.pm), 1);
    // Free again to book, once the first is over.
    await book(zhao, { slotId: slot.am2 }).expect(201);
  });

  it('keeps the cancellation deadline of the bookings rules on both paths', async () => {
    setBeijingTime(s, DAY, '08:00');
    const late = await request(s.url).post(`/api/elderly/assessments/${amNumber}/withdraw`).set(pmLoser.auth);
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'CANCEL_DEADLINE_PASSED');
    assert.match(late.body.error.message, /取消时限/);
    const there = await request(s.url).post(`/api/bookings/${amCode}/cancel`).set(pmLoser.auth).expect(409);
    assert.equal(there.body.error.code, 'CANCEL_DEADLINE_PASSED');
    assert.equal((await myBookings(pmLoser)).find((b) => b.code === amCode)?.status, 'confirmed');
  });

  it('a missed one is recorded as missed; the level staff record completes the booking and raises the 助餐 subsidy', async () => {
    const [, second] = pmWinners;
    const missed = await caseOf(second.number);
    await act(missed.id, 'confirm', { version: missed.version }).expect(200);
    await act(missed.id, 'absent').expect(200);
    assert.equal((await myBookings(second.who)).find((b) => b.code === second.bookingCode)?.status, 'no_show');

    await request(s.url)
      .put(`/api/staff/elderly/places/${stationId}/menus/${DAY2}`)
      .set(orgStaff.auth)
      .send({ meals: [{ slot: 'lunch', dishes: '小米粥、蒸南瓜', priceCents: 1500, portions: 10, cutoff: '09:00' }] })
      .expect(200);
    const menu = (await request(s.url).get(`/api/elderly/places/${stationId}/menus`).expect(200)).body.items[0];
    const quote = async () =>
      (await request(s.url).get('/api/elderly/meals/quote').query({ menuId: menu.id }).set(pmLoser.auth).expect(200))
        .body;
    assert.equal((await quote()).subsidyCents, 500);

    const c = await caseOf(amNumber);
    await act(c.id, 'confirm', { version: c.version }).expect(200);
    const recorded = await act(c.id, 'record', { form: { level: 'moderate' } });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.equal((await myBookings(pmLoser)).find((b) => b.code === amCode)?.status, 'completed');
    assert.deepEqual(
      (await myAssessments(pmLoser)).map((a) => [a.stageName, a.levelName]),
      [['已评估', '中度失能']],
    );
    const after = await quote();
    assert.deepEqual([after.subsidyCents, after.payCents], [800, 700]);
  });
});
