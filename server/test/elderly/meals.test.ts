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
 * 助餐: a station's staff enter the day's meals; a daughter links her father (he confirms in his
 * own app) and orders his lunch, with the 朝阳 subsidy the server computes (您应付); a non-local
 * elder pays the full price; the last portion goes once; cancelling before the cutoff gives it
 * back; after the cutoff ordering and cancelling are refused in Chinese, nothing changed; the
 * station's list of the day is masked and its reading audited.
 */
describe('养老服务 · 助餐: menu, family order, subsidy, cutoff and the station list', () => {
  let s: TestServer;
  let stationStaff: Staff;
  let otherStaff: Staff;
  let officer: Staff;
  let daughter: Citizen;
  let father: Citizen;
  let outsider: Citizen;
  let stationId: number;
  let institutionId: number;
  let linkId: number;
  const township = `1101059${String(randomInt(10, 99))}`;
  const community = `${township}${String(randomInt(100, 999))}`;
  const DAY = '2026-12-09';
  const menu: Record<string, number> = {};

  const place = (name: string, kind: PlaceInput['kind']): PlaceInput => ({
    kind,
    name: `${name}${community}`,
    divisionCode: community,
    address: '北京市朝阳区某街道2号',
    lat: 39.9,
    lng: 116.45,
    phone: '010-12345678',
    hours: '11:00-13:00',
    beds: 0,
    vacancies: 0,
    careLevels: ['intact'],
    stars: 0,
    intro: '测试助餐点',
    fees: [{ item: '午餐', unit: '元/份', priceCents: 1500 }],
  });
  const orders = async (who: Citizen) =>
    (await request(s.url).get('/api/elderly/meal-orders').set(who.auth).expect(200)).body.items;
  const dayList = async () =>
    (
      await request(s.url)
        .get(`/api/staff/elderly/places/${stationId}/meal-orders`)
        .query({ day: DAY })
        .set(stationStaff.auth)
        .expect(200)
    ).body;
  const order = (who: Citizen, body: Record<string, unknown>) =>
    request(s.url).post('/api/elderly/meal-orders').set(who.auth).send(body);

  before(async function () {
    // Seven accounts (staff passwords are scrypt-hashed) take a while on a loaded machine.
    this.timeout(120_000);
    s = await startServer();
    setBeijingTime(s, '2026-12-07');
    const api = s.app.modules.elderly;
    stationId = await api.registerPlace(place('幸福助餐点', 'meal_point'));
    institutionId = await api.registerPlace(place('颐养院', 'institution'));
    stationStaff = await staffAt(s.url, [township], ['elderly_staff'], '助餐点管理员');
    otherStaff = await staffAt(s.url, ['110108'], ['elderly_staff'], '海淀机构人员');
    officer = await staffAt(s.url, ['110105'], ['elderly_officer'], '朝阳养老科');
    daughter = await realNamedCitizen(s.url, '李晓梅', idIn('110105', '19850611'));
    father = await realNamedCitizen(s.url, '李建国', idIn('110105', '19420203'));
    outsider = await realNamedCitizen(s.url, '赵德顺', idIn('440305', '19450920'));
    // 朝阳's rule (data, audited): 60+ local 户籍 5 元 a meal, 8 元 for an assessed 中度失能 or worse.
    await request(s.url)
      .put('/api/staff/elderly/meal-rules/110105')
      .set(officer.auth)
      .send({ minAge: 60, perMealCents: 500, assessedPerMealCents: 800 })
      .expect(200);
  });
  after(async () => s.close());

  it("lets the station's staff enter a day's menu; refuses a past day, an institution, another district and bad input", async () => {
    const put = (who: Staff, id: number, day: string, body: object) =>
      request(s.url).put(`/api/staff/elderly/places/${id}/menus/${day}`).set(who.auth).send(body);
    const meals = {
      meals: [
        { slot: 'lunch', dishes: '红烧鸡块、清炒西兰花、米饭、紫菜汤', priceCents: 1500, portions: 2, cutoff: '09:30' },
        { slot: 'dinner', dishes: '西红柿鸡蛋面', priceCents: 1000, portions: 5, cutoff: '15:00' },
      ],
    };
    const saved = await put(stationStaff, stationId, DAY, meals);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(
      saved.body.items.map((m: { slotName: string; remaining: number }) => [m.slotName, m.remaining]),
      [
        ['午餐', 2],
        ['晚餐', 5],
      ],
    );
    for (const m of saved.body.items) menu[m.slot] = m.id;

    const past = await put(stationStaff, stationId, '2026-12-06', meals).expect(400);
    assert.equal(past.body.error.code, 'MENU_PAST_DAY');
    const institution = await put(stationStaff, institutionId, DAY, meals).expect(400);
    assert.equal(institution.body.error.code, 'NOT_MEAL_PLACE');
    await put(otherStaff, stationId, DAY, meals).expect(404);
    const twice = await put(stationStaff, stationId, DAY, { meals: [meals.meals[0], meals.meals[0]] }).expect(400);
    assert.match(twice.body.error.message, /同一餐次/);
    const noPrice = await put(stationStaff, stationId, DAY, {
      meals: [{ slot: 'lunch', dishes: '米饭', portions: 2, cutoff: '25:00' }],
    }).expect(400);
    assert.match(JSON.stringify(noPrice.body), /价格|截止时间/);
    const badDay = await put(stationStaff, stationId, '2026-13-40', meals).expect(400);
    assert.equal(badDay.body.error.code, 'VALIDATION_FAILED');

    // Nothing those refusals sent changed the menu.
    const citizenView = (await request(s.url).get(`/api/elderly/places/${stationId}/menus`).expect(200)).body;
    assert.deepEqual(
      citizenView.items.map((m: { dishes: string; portions: number }) => [m.dishes, m.portions]),
      [
        ['红烧鸡块、清炒西兰花、米饭、紫菜汤', 2],
        ['西红柿鸡蛋面', 5],
      ],
    );
    assert.ok(citizenView.items.every((m: { open: boolean }) => m.open));
  });

  it('lets a daughter order for her father only once he confirmed the link, at the price after the subsidy', async () => {
    const asked = await request(s.url)
      .post('/api/elderly/family-links')
      .set(daughter.auth)
      .send({ name: '李建国', idNumber: father.idNumber, relation: 'parent' });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    linkId = asked.body.id;
    assert.equal(asked.body.statusName, '待长辈确认');
    assert.equal(asked.body.elderName, '李**');

    const early = await order(daughter, { menuId: menu.lunch, linkId }).expect(403);
    assert.match(early.body.error.message, /亲属绑定/);
    assert.equal((await dayList()).items.length, 0, 'nothing ordered');

    const again = await request(s.url)
      .post('/api/elderly/family-links')
      .set(daughter.auth)
      .send({ name: '李建国', idNumber: father.idNumber, relation: 'parent' })
      .expect(409);
    assert.equal(again.body.error.code, 'LINK_EXISTS');
    const badId = await request(s.url)
      .post('/api/elderly/family-links')
      .set(daughter.auth)
      .send({ name: '李建国', idNumber: '110105194202030000', relation: 'parent' })
      .expect(400);
    assert.match(JSON.stringify(badId.body), /校验位|身份证/);
    // The outsider cannot confirm a link that names someone else.
    await request(s.url).post(`/api/elderly/family-links/${linkId}/confirm`).set(outsider.auth).expect(404);

    const incoming = (await request(s.url).get('/api/elderly/family-links').set(father.auth).expect(200)).body.incoming;
    assert.equal(incoming.length, 1);
    assert.equal(incoming[0].requesterName, '李**');
    const confirmed = await request(s.url)
      .post(`/api/elderly/family-links/${linkId}/confirm`)
      .set(father.auth)
      .expect(200);
    assert.equal(confirmed.body.status, 'confirmed');

    const quote = (
      await request(s.url)
        .get('/api/elderly/meals/quote')
        .query({ menuId: menu.lunch, linkId })
        .set(daughter.auth)
        .expect(200)
    ).body;
    assert.deepEqual([quote.priceCents, quote.subsidyCents, quote.payCents], [1500, 500, 1000]);
    assert.match(quote.subsidyNote, /每餐补贴5元/);

    const ordered = await order(daughter, { menuId: menu.lunch, linkId });
    assert.equal(ordered.status, 201, JSON.stringify(ordered.body));
    assert.equal(ordered.body.payCents, 1000);
    assert.equal(ordered.body.dinerName, '李**');
    assert.equal(ordered.body.forFamily, true);
    const twice = await order(daughter, { menuId: menu.lunch, linkId }).expect(409);
    assert.equal(twice.body.error.code, 'MEAL_ALREADY_ORDERED');

    // Her own lunch: under 60, no subsidy, and the reason says so.
    const own = await order(daughter, { menuId: menu.lunch }).expect(201);
    assert.deepEqual([own.body.subsidyCents, own.body.payCents], [0, 1500]);

    // The father sees the lunch ordered for him in his own app.
    const his = await orders(father);
    assert.equal(his.length, 1);
    assert.equal(his[0].slotName, '午餐');

    // Who acted for whom is on record.
    const [rows] = (await s.app.platform.db.query(
      "SELECT actor_id, detail FROM audit_logs WHERE action = 'elderly.meal.order' AND target_id = ?",
      { replacements: [String(ordered.body.id)] },
    )) as [{ actor_id: string; detail: string }[], unknown];
    assert.equal(rows[0].actor_id, String(daughter.user.id));
    assert.equal(JSON.parse(rows[0].detail).forFamilyLink, linkId);
  });

  it('sells the last portion once, charges a non-local elder the full price, and gives a cancelled portion back', async () => {
    const soldOut = await order(outsider, { menuId: menu.lunch }).expect(409);
    assert.equal(soldOut.body.error.code, 'MEAL_SOLD_OUT');
    assert.match(soldOut.body.error.message, /已订完/);

    const quote = (
      await request(s.url).get('/api/elderly/meals/quote').query({ menuId: menu.dinner }).set(outsider.auth).expect(200)
    ).body;
    assert.equal(quote.subsidyCents, 0);
    assert.match(quote.subsidyNote, /非本地户籍/);

    const mine = await orders(daughter);
    const ownLunch = mine.find((o: { forFamily: boolean }) => !o.forFamily);
    const cancelled = await request(s.url)
      .post(`/api/elderly/meal-orders/${ownLunch.id}/cancel`)
      .set(daughter.auth)
      .expect(200);
    assert.equal(cancelled.body.statusName, '已取消');
    await request(s.url).post(`/api/elderly/meal-orders/${ownLunch.id}/cancel`).set(outsider.auth).expect(404);
    const got = await order(outsider, { menuId: menu.lunch }).expect(201);
    assert.equal(got.body.payCents, 1500);

    const list = await dayList();
    assert.equal(list.items.length, 2);
    assert.deepEqual(
      list.totals.map((t: { slotName: string; ordered: number; subsidyCents: number }) => [
        t.slotName,
        t.ordered,
        t.subsidyCents,
      ]),
      [
        ['午餐', 2, 500],
        ['晚餐', 0, 0],
      ],
    );
    const text = JSON.stringify(list);
    for (const name of ['李建国', '赵德顺']) assert.equal(text.includes(name), false, `${name} is masked`);
    for (const id of [father.idNumber, outsider.idNumber]) assert.equal(text.includes(id), false);
    const [reads] = (await s.app.platform.db.query(
      "SELECT actor_id FROM audit_logs WHERE action = 'elderly.meal.orders.read' AND target_id = ?",
      { replacements: [String(stationId)] },
    )) as [{ actor_id: string }[], unknown];
    assert.ok(reads.length >= 1 && reads.every((r) => r.actor_id === String(stationStaff.id)));
    await request(s.url)
      .get(`/api/staff/elderly/places/${stationId}/meal-orders`)
      .query({ day: DAY })
      .set(otherStaff.auth)
      .expect(404);

    // Fewer portions than ordered, or taking off an ordered meal: refused.
    const fewer = await request(s.url)
      .put(`/api/staff/elderly/places/${stationId}/menus/${DAY}`)
      .set(stationStaff.auth)
      .send({ meals: [{ slot: 'lunch', dishes: '米饭', priceCents: 1500, portions: 1, cutoff: '09:30' }] })
      .expect(400);
    assert.equal(fewer.body.error.code, 'PORTIONS_BELOW_ORDERED');
  });

  it('refuses ordering and cancelling after the cutoff and bad input in Chinese, changing nothing', async () => {
    setBeijingTime(s, DAY, '09:31');
    const late = await order(daughter, { menuId: menu.lunch }).expect(409);
    assert.equal(late.body.error.code, 'MEAL_CUTOFF_PASSED');
    assert.match(late.body.error.message, /截止/);
    const father1 = (await orders(daughter)).find((o: { forFamily: boolean }) => o.forFamily);
    assert.equal(father1.cancellable, false);
    const lateCancel = await request(s.url)
      .post(`/api/elderly/meal-orders/${father1.id}/cancel`)
      .set(daughter.auth)
      .expect(409);
    assert.equal(lateCancel.body.error.code, 'MEAL_CUTOFF_PASSED');
    // Dinner is still open.
    await order(father, { menuId: menu.dinner }).expect(201);

    const bad = await order(daughter, { menuId: 'abc' }).expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    await order(daughter, { menuId: 99_999_999 }).expect(404);
    const stranger = await order(outsider, { menuId: menu.dinner, linkId }).expect(403);
    assert.match(stranger.body.error.message, /亲属绑定/);
    await request(s.url).post('/api/elderly/meal-orders').send({ menuId: menu.dinner }).expect(401);

    const list = await dayList();
    assert.deepEqual(
      list.totals.map((t: { ordered: number }) => t.ordered),
      [2, 1],
    );
  });
});
