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

const idIn = (region: string, birth: string) => withCheckDigit(`${region}${birth}${String(randomInt(100, 999))}`);

/**
 * 能力评估 (GB/T 42195): an assessment organization's staff open half-day slots; a son books one
 * for his mother through their confirmed family link (a case of the engine, PG-…); the
 * organization confirms and records 中度失能; the level then raises her 助餐 subsidy and is the
 * level her 养老服务补贴 application carries. A full slot, a second booking, an unlinked elder,
 * staff of another district or level, and bad input are refused, changing nothing.
 */
describe('养老服务 · 能力评估: booking, confirmation, the level recorded and what it unlocks', () => {
  let s: TestServer;
  let orgStaff: Staff;
  let countyStaff: Staff;
  let otherStaff: Staff;
  let officer: Staff;
  let son: Citizen;
  let mother: Citizen;
  let neighbour: Citizen;
  let orgId: number;
  let stationId: number;
  let linkId: number;
  const township = `1101059${String(randomInt(10, 99))}`;
  const community = `${township}${String(randomInt(100, 999))}`;
  const DAY = '2026-12-10';
  const slot: Record<string, number> = {};

  const place = (name: string, kind: PlaceInput['kind']): PlaceInput => ({
    kind,
    name: `${name}${community}`,
    divisionCode: community,
    address: '北京市朝阳区某路3号',
    lat: 39.91,
    lng: 116.46,
    phone: '010-87654321',
    hours: '08:30-17:00',
    beds: 50,
    vacancies: 5,
    careLevels: ['intact', 'mild', 'moderate'],
    stars: 3,
    intro: '评估机构',
    fees: [{ item: '床位费', unit: '元/月', priceCents: 300_000 }],
  });
  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const slots = async () =>
    (await request(s.url).get(`/api/elderly/places/${orgId}/assessment-slots`).expect(200)).body.items;
  const book = (who: Citizen, body: Record<string, unknown>) =>
    request(s.url).post('/api/elderly/assessments').set(who.auth).send(body);

  before(async function () {
    // Seven accounts (staff passwords are scrypt-hashed) take a while on a loaded machine.
    this.timeout(120_000);
    s = await startServer();
    setBeijingTime(s, '2026-12-07');
    const api = s.app.modules.elderly;
    orgId = await api.registerPlace(place('评估中心', 'institution'));
    stationId = await api.registerPlace(place('助餐点', 'meal_point'));
    orgStaff = await staffAt(s.url, [township], ['elderly_staff'], '评估员');
    countyStaff = await staffAt(s.url, ['110105'], ['elderly_staff'], '区级机构管理员');
    otherStaff = await staffAt(s.url, ['110108001'], ['elderly_staff'], '海淀评估员');
    officer = await staffAt(s.url, ['110105'], ['elderly_officer'], '朝阳养老科');
    son = await realNamedCitizen(s.url, '周立新', idIn('110105', '19700405'));
    mother = await realNamedCitizen(s.url, '陈玉珍', idIn('110105', '19431118'));
    neighbour = await realNamedCitizen(s.url, '吴大山', idIn('110105', '19480722'));
    const asked = await request(s.url)
      .post('/api/elderly/family-links')
      .set(son.auth)
      .send({ name: '陈玉珍', idNumber: mother.idNumber, relation: 'parent' })
      .expect(201);
    linkId = asked.body.id;
    await request(s.url).put('/api/staff/elderly/meal-rules/110105').set(officer.auth).send({
      minAge: 60,
      perMealCents: 500,
      assessedPerMealCents: 800,
    });
  });
  after(async () => s.close());

  it("opens slots at the organization; refuses a past day, another district's staff and bad capacity", async () => {
    const put = (who: Staff, day: string, body: object) =>
      request(s.url).put(`/api/staff/elderly/places/${orgId}/assessment-slots/${day}`).set(who.auth).send(body);
    const saved = await put(orgStaff, DAY, {
      periods: [
        { period: 'am', capacity: 1 },
        { period: 'pm', capacity: 3 },
      ],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(
      saved.body.items.map((x: { periodName: string; remaining: number }) => [x.periodName, x.remaining]),
      [
        ['上午', 1],
        ['下午', 3],
      ],
    );
    for (const x of saved.body.items) slot[x.period] = x.id;
    assert.equal(
      (await put(orgStaff, '2026-12-07', { periods: [{ period: 'am', capacity: 1 }] }).expect(400)).body.error.code,
      'SLOT_CLOSED',
    );
    await put(otherStaff, DAY, { periods: [{ period: 'am', capacity: 9 }] }).expect(404);
    const bad = await put(orgStaff, DAY, { periods: [{ period: 'night', capacity: -1 }] }).expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      (await slots()).map((x: { capacity: number }) => x.capacity),
      [1, 3],
      'nothing changed',
    );
  });

  it('books for a linked mother only once she confirmed; a full slot and a second booking are refused', async () => {
    const early = await book(son, { slotId: slot.am, linkId }).expect(403);
    assert.match(early.body.error.message, /亲属绑定/);
    await request(s.url).post(`/api/elderly/family-links/${linkId}/confirm`).set(mother.auth).expect(200);

    const booked = await book(son, { slotId: slot.am, linkId });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.match(booked.body.number, /^PG-20261207-/);
    assert.equal((await slots())[0].remaining, 0);

    const full = await book(neighbour, { slotId: slot.am }).expect(409);
    assert.equal(full.body.error.code, 'SLOT_FULL');
    const second = await book(son, { slotId: slot.pm, linkId }).expect(409);
    assert.equal(second.body.error.code, 'ASSESSMENT_IN_PROGRESS');
    assert.equal((await slots())[1].remaining, 3, 'the refused booking took no place');
    await book(son, { slotId: 'x' }).expect(400);
    await book(son, { slotId: 99_999_999 }).expect(404);

    // The mother sees it in her own app; the son's view names her masked.
    const hers = (await request(s.url).get('/api/elderly/assessments').set(mother.auth).expect(200)).body.items;
    assert.equal(hers.length, 1);
    assert.equal(hers[0].stageName, '待评估机构确认');
    assert.equal(hers[0].subjectName.startsWith('陈'), true);
    assert.equal(JSON.stringify(hers).includes('陈玉珍'), false);
  });

  it('is confirmed and its level recorded by the organization; the level raises the meal subsidy and carries into 养老服务补贴', async () => {
    const inbox = (await request(s.url).get('/api/staff/cases/inbox').set(orgStaff.auth).expect(200)).body.items;
    const mine = inbox.find((c: { type: string }) => c.type === 'elderly.assessment');
    assert.ok(mine, "in the organization's inbox");
    await act(otherStaff, mine.id, 'confirm').expect(404);
    await act(countyStaff, mine.id, 'confirm').expect(403);
    await act(orgStaff, mine.id, 'confirm', { version: mine.version }).expect(200);
    const noLevel = await act(orgStaff, mine.id, 'record', { form: { level: 'worst' } });
    assert.equal(noLevel.status, 400);

    // Before the level: 5 元. After 中度失能 is recorded: 8 元.
    await request(s.url)
      .put(`/api/staff/elderly/places/${stationId}/menus/2026-12-11`)
      .set(orgStaff.auth)
      .send({ meals: [{ slot: 'lunch', dishes: '软烂米饭、清蒸鱼', priceCents: 1500, portions: 10, cutoff: '09:00' }] })
      .expect(200);
    const menu = (await request(s.url).get(`/api/elderly/places/${stationId}/menus`).expect(200)).body.items[0];
    const quote = async () =>
      (
        await request(s.url)
          .get('/api/elderly/meals/quote')
          .query({ menuId: menu.id, linkId })
          .set(son.auth)
          .expect(200)
      ).body;
    assert.equal((await quote()).subsidyCents, 500);

    const recorded = await act(orgStaff, mine.id, 'record', { form: { level: 'moderate' } });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    const after = await quote();
    assert.deepEqual([after.subsidyCents, after.payCents], [800, 700]);
    assert.match(after.subsidyNote, /能力评估/);

    const hers = (await request(s.url).get('/api/elderly/assessments').set(mother.auth).expect(200)).body.items;
    assert.deepEqual([hers[0].stageName, hers[0].levelName], ['已评估', '中度失能']);

    // Her own 养老服务补贴 application carries the assessed level, not the one typed.
    const applied = await request(s.url)
      .post('/api/elderly/service-subsidy')
      .set(mother.auth)
      .send({ careLevel: 'mild', divisionCode: community, reason: '行动不便，需要上门助浴服务' });
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    const [rows] = (await s.app.platform.db.query('SELECT care_level FROM elderly_claims WHERE case_id = ?', {
      replacements: [applied.body.caseId],
    })) as [{ care_level: string }[], unknown];
    assert.equal(rows[0].care_level, 'moderate');
  });

  it('gives the place back when the booker cancels, and lets the person book again', async () => {
    const booked = await book(neighbour, { slotId: slot.pm }).expect(201);
    assert.equal((await slots())[1].remaining, 2);
    await request(s.url).post(`/api/elderly/assessments/${booked.body.number}/withdraw`).set(son.auth).expect(404);
    const withdrawn = await request(s.url)
      .post(`/api/elderly/assessments/${booked.body.number}/withdraw`)
      .set(neighbour.auth)
      .expect(200);
    assert.equal(withdrawn.body.stageName, '已取消');
    assert.equal((await slots())[1].remaining, 3);
    await book(neighbour, { slotId: slot.pm }).expect(201);
  });
});
