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
 * A son's mother has no phone. He asks for the family link in his app; she comes to the 街道's
 * window with her ID card and the staff there confirm it for her (her ID and name checked, the
 * window's area checked, audited). He then orders her lunch and dinner; each meal has its own
 * pickup code, shown as a QR. At the station's counter the lunch code is accepted once for lunch:
 * the dinner's code at lunch, the lunch code a second time, a made-up code and another station's
 * staff are all refused in Chinese, and nothing changes.
 */
describe('养老服务 · 窗口确认亲属绑定 and the pickup code of each meal', () => {
  let s: TestServer;
  let windowStaff: Staff;
  let farWindow: Staff;
  let stationStaff: Staff;
  let otherStation: Staff;
  let son: Citizen;
  let stationId: number;
  let otherStationId: number;
  let linkId: number;
  const township = `1101058${String(randomInt(10, 99))}`;
  const community = `${township}${String(randomInt(100, 999))}`;
  const motherId = idIn('110105', '19380214');
  const DAY = '2026-12-09';
  const menu: Record<string, number> = {};
  const codes: Record<string, string> = {};

  const place = (name: string, code: string): PlaceInput => ({
    kind: 'meal_point',
    name: `${name}${code}`,
    divisionCode: code,
    address: '北京市朝阳区某街道8号',
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
  const pickup = (who: Staff, id: number, body: object) =>
    request(s.url).post(`/api/staff/elderly/places/${id}/meal-pickups`).set(who.auth).send(body);
  const audits = async (action: string, target: string | number) =>
    (
      (await s.app.platform.db.query('SELECT actor_id, detail FROM audit_logs WHERE action = ? AND target_id = ?', {
        replacements: [action, String(target)],
      })) as [{ actor_id: string; detail: string | null }[], unknown]
    )[0];

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    setBeijingTime(s, '2026-12-07');
    const api = s.app.modules.elderly;
    stationId = await api.registerPlace(place('康乐助餐点', community));
    otherStationId = await api.registerPlace(place('海淀助餐点', '110108001001'));
    windowStaff = await staffAt(s.url, [township], ['hall_staff'], '街道窗口');
    farWindow = await staffAt(s.url, ['440305'], ['elderly_officer'], '南山窗口');
    stationStaff = await staffAt(s.url, [township], ['elderly_staff'], '助餐点管理员');
    otherStation = await staffAt(s.url, ['110108'], ['elderly_staff'], '海淀助餐点');
    son = await realNamedCitizen(s.url, '周文斌', idIn('110105', '19700305'));
    await request(s.url)
      .put(`/api/staff/elderly/places/${stationId}/menus/${DAY}`)
      .set(stationStaff.auth)
      .send({
        meals: [
          { slot: 'lunch', dishes: '土豆烧牛肉、米饭', priceCents: 1500, portions: 5, cutoff: '09:30' },
          { slot: 'dinner', dishes: '小米粥、花卷', priceCents: 800, portions: 5, cutoff: '15:00' },
        ],
      })
      .expect(200)
      .then((r) => {
        for (const m of r.body.items) menu[m.slot] = m.id;
      });
  });
  after(async () => s.close());

  it('lets staff at the window confirm the link for a mother without a phone, her ID checked, scope checked, audited', async () => {
    const asked = await request(s.url)
      .post('/api/elderly/family-links')
      .set(son.auth)
      .send({ name: '周桂兰', idNumber: motherId, relation: 'parent' })
      .expect(201);
    linkId = asked.body.id;
    await request(s.url)
      .post('/api/elderly/meal-orders')
      .set(son.auth)
      .send({ menuId: menu.lunch, linkId })
      .expect(403);

    // A window of another area neither finds nor confirms it.
    await request(s.url)
      .get('/api/staff/elderly/family-links')
      .query({ idNumber: motherId })
      .set(farWindow.auth)
      .expect(404);
    await request(s.url)
      .post(`/api/staff/elderly/family-links/${linkId}/confirm`)
      .set(farWindow.auth)
      .send({ idNumber: motherId, name: '周桂兰' })
      .expect(404);
    // A citizen's session is not a staff account.
    await request(s.url).get('/api/staff/elderly/family-links').query({ idNumber: motherId }).set(son.auth).expect(401);

    const found = await request(s.url)
      .get('/api/staff/elderly/family-links')
      .query({ idNumber: motherId })
      .set(windowStaff.auth)
      .expect(200);
    assert.deepEqual(
      found.body.items.map((l: { id: number; elderName: string; requesterName: string; relationName: string }) => [
        l.id,
        l.elderName,
        l.requesterName,
        l.relationName,
      ]),
      [[linkId, '周**', '周**', '父母']],
    );
    assert.ok(!JSON.stringify(found.body).includes(motherId), 'the ID number never comes back');

    // Another person's ID card, or another name, is refused; the link stays pending.
    const otherId = await request(s.url)
      .post(`/api/staff/elderly/family-links/${linkId}/confirm`)
      .set(windowStaff.auth)
      .send({ idNumber: idIn('110105', '19400101'), name: '周桂兰' })
      .expect(400);
    assert.equal(otherId.body.error.code, 'HALL_ID_MISMATCH');
    assert.match(otherId.body.error.message, /身份证/);
    const otherName = await request(s.url)
      .post(`/api/staff/elderly/family-links/${linkId}/confirm`)
      .set(windowStaff.auth)
      .send({ idNumber: motherId, name: '周桂芳' })
      .expect(400);
    assert.equal(otherName.body.error.code, 'HALL_ID_MISMATCH');
    const badId = await request(s.url)
      .post(`/api/staff/elderly/family-links/${linkId}/confirm`)
      .set(windowStaff.auth)
      .send({ idNumber: '1101051938', name: '周桂兰' })
      .expect(400);
    assert.equal(badId.body.error.code, 'VALIDATION_FAILED');
    const still = (await request(s.url).get('/api/elderly/family-links').set(son.auth).expect(200)).body.mine;
    assert.equal(still[0].status, 'pending');

    const confirmed = await request(s.url)
      .post(`/api/staff/elderly/family-links/${linkId}/confirm`)
      .set(windowStaff.auth)
      .send({ idNumber: motherId, name: '周桂兰' })
      .expect(200);
    assert.equal(confirmed.body.confirmedBy, 'hall');
    const mine = (await request(s.url).get('/api/elderly/family-links').set(son.auth).expect(200)).body.mine;
    assert.deepEqual([mine[0].status, mine[0].confirmedBy], ['confirmed', 'hall']);

    const [confirmAudit] = await audits('elderly.family.confirm.hall', linkId);
    assert.equal(confirmAudit.actor_id, String(windowStaff.id));
    assert.equal(JSON.parse(confirmAudit.detail as string).requesterUserId, son.user.id);
    assert.equal((await audits('elderly.family.hall.read', linkId)).length, 1, 'the window read is audited');
  });

  it("gives each of the mother's meals its own pickup code as a QR, in the son's list", async () => {
    for (const slot of ['lunch', 'dinner']) {
      const done = await request(s.url)
        .post('/api/elderly/meal-orders')
        .set(son.auth)
        .send({ menuId: menu[slot], linkId })
        .expect(201);
      // Who acted for whom.
      const [a] = await audits('elderly.meal.order', done.body.id);
      assert.equal(a.actor_id, String(son.user.id));
      assert.equal(JSON.parse(a.detail as string).forFamilyLink, linkId);
    }
    const items = (await request(s.url).get('/api/elderly/meal-orders').set(son.auth).expect(200)).body.items;
    for (const o of items) {
      assert.match(o.pickupCode, /^\d+-[0-9A-F]{8}$/);
      assert.match(o.pickupQr, /^data:image\/png;base64,/);
      assert.equal(o.pickedUpAt, null);
      codes[o.slot] = o.pickupCode;
    }
    assert.notEqual(codes.lunch, codes.dinner);
    // The station's list carries no codes.
    const list = (
      await request(s.url)
        .get(`/api/staff/elderly/places/${stationId}/meal-orders`)
        .query({ day: DAY })
        .set(stationStaff.auth)
        .expect(200)
    ).body;
    assert.ok(list.items.every((o: { pickupCode: string | null }) => o.pickupCode === null));
  });

  it("accepts the lunch code once at lunch and refuses another meal's, a used, a made-up code and another station", async () => {
    setBeijingTime(s, DAY);
    const lunch = { code: codes.lunch, day: DAY, slot: 'lunch' };

    const dinnerAtLunch = await pickup(stationStaff, stationId, { ...lunch, code: codes.dinner }).expect(409);
    assert.equal(dinnerAtLunch.body.error.code, 'PICKUP_OTHER_MEAL');
    assert.match(dinnerAtLunch.body.error.message, /晚餐的取餐码，不是本餐的/);
    const otherDay = await pickup(stationStaff, stationId, { ...lunch, day: '2026-12-10' }).expect(409);
    assert.equal(otherDay.body.error.code, 'PICKUP_OTHER_MEAL');
    const [id, sig] = codes.lunch.split('-');
    const forged = await pickup(stationStaff, stationId, {
      ...lunch,
      code: `${id}-${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`,
    }).expect(400);
    assert.equal(forged.body.error.code, 'PICKUP_INVALID');
    assert.match(forged.body.error.message, /取餐码无效/);
    await pickup(otherStation, stationId, lunch).expect(404);
    const elsewhere = await pickup(otherStation, otherStationId, lunch).expect(400);
    assert.equal(elsewhere.body.error.code, 'PICKUP_INVALID');
    const empty = await pickup(stationStaff, stationId, { ...lunch, code: '' }).expect(400);
    assert.match(empty.body.error.message, /取餐码/);

    // None of that used the code: it is accepted now, typed in lower case as a cashier might.
    const ok = await pickup(stationStaff, stationId, { ...lunch, code: codes.lunch.toLowerCase() }).expect(200);
    assert.equal(ok.body.slotName, '午餐');
    assert.equal(ok.body.dinerName, '周**');
    const twice = await pickup(stationStaff, stationId, lunch).expect(409);
    assert.equal(twice.body.error.code, 'PICKUP_USED');
    assert.match(twice.body.error.message, /已于.*使用，每份餐只能取一次/);

    // A meal picked up can no longer be cancelled (its portion was eaten).
    const late = await request(s.url)
      .post(`/api/elderly/meal-orders/${ok.body.orderId}/cancel`)
      .set(son.auth)
      .expect(409);
    assert.equal(late.body.error.code, 'MEAL_PICKED_UP');

    const [a] = await audits('elderly.meal.pickup', ok.body.orderId);
    assert.equal(a.actor_id, String(stationStaff.id));
    assert.equal(JSON.parse(a.detail as string).forFamilyLink, linkId);

    const list = (
      await request(s.url)
        .get(`/api/staff/elderly/places/${stationId}/meal-orders`)
        .query({ day: DAY })
        .set(stationStaff.auth)
        .expect(200)
    ).body;
    assert.deepEqual(
      list.totals.map((t: { slotName: string; ordered: number; pickedUp: number }) => [
        t.slotName,
        t.ordered,
        t.pickedUp,
      ]),
      [
        ['午餐', 1, 1],
        ['晚餐', 1, 0],
      ],
    );
    // In the son's list the lunch shows as picked up, with no code left; the dinner keeps its own.
    const items = (await request(s.url).get('/api/elderly/meal-orders').set(son.auth).expect(200)).body.items;
    const byslot = Object.fromEntries(items.map((o: { slot: string }) => [o.slot, o]));
    assert.ok(byslot.lunch.pickedUpAt);
    assert.equal(byslot.lunch.pickupCode, null);
    assert.equal(byslot.dinner.pickupCode, codes.dinner);

    // The dinner at dinner time.
    await pickup(stationStaff, stationId, { code: codes.dinner, day: DAY, slot: 'dinner' }).expect(200);
  });
});
