import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';

type Auth = Record<string, string>;

const tiananmen = {
  action: 'name',
  name: '天安门广场',
  pinyin: "Tian'anmen Guangchang",
  category: 'memorial',
  divisionCode: '110101',
  location: '东城区东长安街北侧，天安门以南',
  lng: 116.3975,
  lat: 39.9087,
  meaning: '因位于天安门前而得名',
  history: '明代为宫廷广场，1950年代扩建',
  approvalBody: '北京市人民政府',
  approvalDate: '2024-05-20',
};

describe('Place names: staff announce, the public searches by Chinese or pinyin, followers are told', () => {
  let s: TestServer;
  let dongcheng: { auth: Auth };
  let follower: { auth: Auth };
  let nameId: number;

  before(async function () {
    this.timeout(120_000); // a fresh MariaDB schema on a busy machine
    s = await startServer();
    dongcheng = await staffAt(s.url, ['110101'], ['placename_officer'], '李地名');
    follower = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/place-names/follows')
      .set(follower.auth)
      .send({ divisionCode: '110000' })
      .expect(200);
  });
  after(async () => s.close());

  it('a 东城区 officer announces a new name; a follower of 北京市 is told at once', async () => {
    const { body } = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send(tiananmen)
      .expect(201);
    assert.equal(body.actionLabel, '命名');
    assert.equal(body.divisionName, '北京市东城区');
    assert.equal(body.categoryLabel, '纪念地旅游景点');
    assert.equal(body.notified, 1);
    nameId = body.placeNameId;
    const messages = await request(s.url).get('/api/messages').set(follower.auth).expect(200);
    assert.ok(
      messages.body.items.some((m: { title: string }) => m.title === '地名命名公告：天安门广场'),
      JSON.stringify(messages.body.items),
    );
    const follows = await request(s.url).get('/api/place-names/follows').set(follower.auth).expect(200);
    assert.deepEqual(follows.body.items, [{ divisionCode: '110000', divisionName: '北京市' }]);
  });

  it('finds the name by a Chinese prefix, a pinyin prefix, its initials, category and division — not by a middle part', async () => {
    await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send({ ...tiananmen, name: '天坛路', pinyin: undefined, category: 'transport', location: '东城区天坛北侧' })
      .expect(201);
    const names = async (query: string) =>
      (await request(s.url).get(`/api/place-names?${query}`).expect(200)).body.items.map(
        (i: { name: string }) => i.name,
      );
    assert.deepEqual(await names(`q=${encodeURIComponent('天安')}`), ['天安门广场']);
    assert.deepEqual(await names(`q=${encodeURIComponent('天')}`), ['天坛路', '天安门广场'].sort());
    assert.deepEqual(await names('q=tiananmen'), ['天安门广场']);
    assert.deepEqual(await names('q=TianTan'), ['天坛路']);
    assert.deepEqual(await names('q=tamgc'), ['天安门广场']);
    assert.deepEqual(await names(`q=${encodeURIComponent('广场')}`), []);
    assert.deepEqual(await names('category=transport'), ['天坛路']);
    assert.deepEqual(await names('division=110100&category=memorial'), ['天安门广场']);
    assert.deepEqual(await names('division=440000'), []);
    const road = (await request(s.url).get('/api/place-names?q=tiantan').expect(200)).body.items[0];
    assert.equal(road.pinyin, 'Tiantanlu'); // generated when staff give none
  });

  it('lists what the list shows; the location, 含义 and 历史沿革 are on the name’s own page', async () => {
    const { body } = await request(s.url).get('/api/place-names?q=tiananmen').expect(200);
    assert.deepEqual(body.items, [
      {
        id: nameId,
        name: '天安门广场',
        pinyin: "Tian'anmen Guangchang",
        category: 'memorial',
        categoryLabel: '纪念地旅游景点',
        divisionCode: '110101',
        divisionName: '北京市东城区',
      },
    ]);
    const page = (await request(s.url).get(`/api/place-names/${body.items[0].id}`).expect(200)).body;
    assert.equal(page.location, tiananmen.location);
    assert.equal(page.history, tiananmen.history);
    // Staff's register still shows every field.
    const staff = await request(s.url).get('/api/staff/place-names?q=tiananmen').set(dongcheng.auth).expect(200);
    assert.equal(staff.body.items[0].meaning, tiananmen.meaning);
  });

  it('shows one name on its own page with its meaning, history, approval and announcements', async () => {
    const { body } = await request(s.url).get(`/api/place-names/${nameId}`).expect(200);
    assert.equal(body.pinyin, "Tian'anmen Guangchang");
    assert.equal(body.meaning, '因位于天安门前而得名');
    assert.equal(body.approvalBody, '北京市人民政府');
    assert.equal(body.lat, 39.9087);
    assert.equal(body.announcements.length, 1);
    assert.equal((await request(s.url).get('/api/place-names/999999').expect(404)).body.error.message, '未找到该地名');
  });

  it('地名文化: the officer publishes an article on the name’s origin; it shows on the name’s page and in the latest list; outsiders and bad input change nothing', async () => {
    const article = {
      title: '天安门广场的由来',
      body: '天安门广场因位于天安门前而得名。明代这里是宫廷前的T形广场，两侧为千步廊；1950年代拓展为今日规模。',
      source: '《北京地名志》',
    };
    const shenzhen = await staffAt(s.url, ['4403'], ['placename_officer']);
    await request(s.url).post(`/api/staff/place-names/${nameId}/culture`).set(shenzhen.auth).send(article).expect(404);
    const short = await request(s.url)
      .post(`/api/staff/place-names/${nameId}/culture`)
      .set(dongcheng.auth)
      .send({ ...article, body: '太短' })
      .expect(400);
    assert.equal(short.body.error.code, 'VALIDATION_FAILED');
    await request(s.url).post('/api/staff/place-names/999999/culture').set(dongcheng.auth).send(article).expect(404);
    await request(s.url).post(`/api/staff/place-names/${nameId}/culture`).send(article).expect(401);
    assert.deepEqual((await request(s.url).get(`/api/place-names/${nameId}`).expect(200)).body.culture, []);
    const { body } = await request(s.url)
      .post(`/api/staff/place-names/${nameId}/culture`)
      .set(dongcheng.auth)
      .send(article)
      .expect(201);
    assert.equal(body.placeName, '天安门广场');
    const page = (await request(s.url).get(`/api/place-names/${nameId}`).expect(200)).body;
    assert.deepEqual(
      page.culture.map((c: { title: string; source: string }) => [c.title, c.source]),
      [['天安门广场的由来', '《北京地名志》']],
    );
    const latest = (await request(s.url).get('/api/place-names/culture').expect(200)).body.items;
    assert.equal(latest[0].title, '天安门广场的由来');
    assert.equal(latest[0].placeName, '天安门广场');
  });

  it('renames: the new name is found, the old one kept as 曾用名, and the change is audited', async () => {
    const { body } = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send({
        action: 'rename',
        placeNameId: nameId,
        name: '天安门前广场',
        approvalBody: '北京市人民政府',
        approvalDate: '2025-01-10',
      })
      .expect(201);
    assert.equal(body.formerName, '天安门广场');
    const page = (await request(s.url).get(`/api/place-names/${nameId}`).expect(200)).body;
    assert.equal(page.name, '天安门前广场');
    assert.equal(page.formerName, '天安门广场');
    assert.equal(page.announcements.length, 2);
    const admin = (await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD)).auth;
    const audit = await request(s.url)
      .get(`/api/staff/audit-logs?targetType=place_name&targetId=${nameId}`)
      .set(admin)
      .expect(200);
    assert.deepEqual(
      audit.body.items.map((e: { action: string }) => e.action),
      ['placename.rename', 'placename.culture', 'placename.name'],
    );
    const list = await request(s.url).get('/api/place-names/announcements?division=110101').expect(200);
    assert.equal(list.body.items[0].actionLabel, '更名');
  });

  it("lists an officer's own register for the console: their divisions only, cancelled names on request", async () => {
    const own = await request(s.url).get('/api/staff/place-names?q=tam').set(dongcheng.auth).expect(200);
    assert.ok(own.body.items.some((n: { id: number }) => n.id === nameId));
    const shenzhen = await staffAt(s.url, ['4403'], ['placename_officer']);
    const other = await request(s.url).get('/api/staff/place-names?q=tam').set(shenzhen.auth).expect(200);
    assert.ok(!other.body.items.some((n: { id: number }) => n.id === nameId));
    const cancelled = await request(s.url)
      .get('/api/staff/place-names?status=cancelled')
      .set(dongcheng.auth)
      .expect(200);
    assert.ok(cancelled.body.items.every((n: { status: string }) => n.status === 'cancelled'));
    const bad = await request(s.url).get('/api/staff/place-names?status=gone').set(dongcheng.auth).expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    const citizen = await loginCitizen(s.url);
    await request(s.url).get('/api/staff/place-names').set(citizen.auth).expect(401);
  });

  it('refuses staff outside the division, other roles, an abolished division and a future date — changing nothing', async () => {
    const shenzhen = await staffAt(s.url, ['4403'], ['placename_officer']);
    const outside = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(shenzhen.auth)
      .send({ ...tiananmen, name: '新地名甲' })
      .expect(404);
    assert.equal(outside.body.error.code, 'NOT_FOUND');
    await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(shenzhen.auth)
      .send({ action: 'cancel', placeNameId: nameId, approvalBody: '深圳市人民政府', approvalDate: '2025-01-10' })
      .expect(404);
    const clerk = await staffAt(s.url, ['110101'], ['hall_staff']);
    await request(s.url).post('/api/staff/place-names/announcements').set(clerk.auth).send(tiananmen).expect(403);
    const abolished = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send({ ...tiananmen, name: '新地名乙', divisionCode: '110103' })
      .expect(400);
    assert.match(abolished.body.error.fields.divisionCode, /已撤销.*东城区/);
    const future = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send({ ...tiananmen, name: '新地名丙', approvalDate: '2099-01-01' })
      .expect(400);
    assert.equal(future.body.error.fields.approvalDate, '批准时间不能晚于今天');
    const missing = await request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(dongcheng.auth)
      .send({ action: 'name', approvalBody: '北京市人民政府', approvalDate: '2024-01-01' })
      .expect(400);
    assert.ok(missing.body.error.fields.name);
    const found = await request(s.url)
      .get(`/api/place-names?q=${encodeURIComponent('新地名')}`)
      .expect(200);
    assert.deepEqual(found.body.items, []);
  });

  it('serves third parties through the open API: a key shown once, stored hashed, limited per minute, revocable', async () => {
    const admin = (await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD)).auth;
    const noKey = await request(s.url).get('/api/open/v1/divisions/110103').expect(401);
    assert.equal(noKey.body.error.code, 'API_KEY_INVALID');
    const { body: issued } = await request(s.url)
      .post('/api/staff/open-api-keys')
      .set(admin)
      .send({ holder: '某市不动产登记中心', perMinute: 3 })
      .expect(201);
    const stored = await s.app.modules.placeNames.models.ApiKey.findByPk(issued.id, { raw: true });
    assert.notEqual(stored!.key_hash, issued.key);
    assert.ok(!JSON.stringify(stored).includes(issued.key));
    const key = { 'X-Api-Key': issued.key };
    const old = await request(s.url).get('/api/open/v1/divisions/110103').set(key).expect(200);
    assert.equal(old.body.successors[0].name, '东城区');
    await request(s.url).get('/api/open/v1/divisions/110199').set(key).expect(404);
    const search = await request(s.url).get('/api/open/v1/place-names?q=tiananmen').set(key).expect(200);
    assert.equal(search.body.items[0].name, '天安门前广场');
    const over = await request(s.url).get('/api/open/v1/place-names?q=tian').set(key).expect(429);
    assert.equal(over.body.error.code, 'TOO_MANY_REQUESTS');
    const list = await request(s.url).get('/api/staff/open-api-keys').set(admin).expect(200);
    assert.ok(!JSON.stringify(list.body).includes(issued.key));
    await request(s.url).delete(`/api/staff/open-api-keys/${issued.id}`).set(admin).expect(200);
    await request(s.url).get('/api/open/v1/divisions/110101').set(key).expect(401);
    const doc = await request(s.url).get('/api/openapi.json').expect(200);
    assert.ok(doc.body.paths['/api/open/v1/place-names']);
  });
});
