import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { setBeijingTime } from '../cases/support';

/**
 * 云祭扫: a daughter makes a memorial page for her father and shares its code. A cousin's
 * message waits for her; she shows it, and hides a stranger's later; her own message shows at
 * once. Visitors see only what the family shows (and their own waiting messages). A flower is
 * once a day per person, free and only counted for the page. Bad input changes nothing.
 */
describe('殡葬服务 · 云祭扫: a memorial page with messages the family moderates, and flowers', function () {
  this.timeout(180_000); // a fresh database is migrated first
  let s: TestServer;
  let daughter: Awaited<ReturnType<typeof loginCitizen>>;
  let cousin: Awaited<ReturnType<typeof loginCitizen>>;
  let stranger: Awaited<ReturnType<typeof loginCitizen>>;
  let code: string;

  const view = async (who: { auth: Record<string, string> }) =>
    (await request(s.url).get(`/api/funeral/memorials/${code}`).set(who.auth).expect(200)).body;
  const leave = (who: { auth: Record<string, string> }, body: Record<string, unknown>) =>
    request(s.url).post(`/api/funeral/memorials/${code}/messages`).set(who.auth).send(body);
  const moderate = (who: { auth: Record<string, string> }, id: number, action: string) =>
    request(s.url).post(`/api/funeral/memorials/${code}/messages/${id}/moderate`).set(who.auth).send({ action });

  before(async () => {
    s = await startServer();
    setBeijingTime(s, '2026-04-03');
    daughter = await loginCitizen(s.url);
    cousin = await loginCitizen(s.url);
    stranger = await loginCitizen(s.url);
  });
  after(async () => s.close());

  it('creates a memorial page, refusing impossible dates', async () => {
    const post = (body: Record<string, unknown>) =>
      request(s.url).post('/api/funeral/memorials').set(daughter.auth).send(body);
    const future = await post({ deceasedName: '王建国', diedOn: '2026-05-01' }).expect(400);
    assert.equal(future.body.error.code, 'DIED_IN_FUTURE');
    const backwards = await post({ deceasedName: '王建国', bornOn: '2026-01-01', diedOn: '2025-12-01' }).expect(400);
    assert.equal(backwards.body.error.code, 'BORN_AFTER_DEATH');
    await post({ deceasedName: '', diedOn: '2025-12-01' }).expect(400);
    await post({ deceasedName: '王建国', diedOn: '2025-12-01', price: 100 }).expect(400);
    assert.deepEqual(
      (await request(s.url).get('/api/funeral/memorials').set(daughter.auth).expect(200)).body.items,
      [],
    );

    const created = await post({
      deceasedName: '王建国',
      bornOn: '1941-08-15',
      diedOn: '2025-12-01',
      biography: '一生务农，勤劳朴实，爱护子女。',
    }).expect(201);
    code = created.body.memorial.code;
    assert.match(code, /^[A-Z2-9]{8}$/);
    assert.equal(created.body.memorial.flowers, 0);
  });

  it('keeps a visitor’s message for the family until they show it; the family’s own shows at once', async () => {
    const own = await leave(daughter, { signature: '女儿 王丽', content: '爸爸，清明了，我们都很想您。' }).expect(201);
    assert.equal(own.body.message.status, 'shown');
    const fromCousin = await leave(cousin, { signature: '侄子 王强', content: '大伯，您的教诲我们铭记在心。' }).expect(
      201,
    );
    assert.equal(fromCousin.body.message.statusName, '待家属审核');
    const fromStranger = await leave(stranger, { signature: '路人', content: '一路走好。' }).expect(201);
    await leave(stranger, { signature: '', content: '一路走好' }).expect(400);
    await leave(stranger, { signature: '路人', content: 'x'.repeat(301) }).expect(400);

    // The stranger sees the family's message and their own waiting one, not the cousin's.
    let page = await view(stranger);
    assert.equal(page.family, false);
    assert.deepEqual(
      page.messages.map((m: { signature: string }) => m.signature),
      ['女儿 王丽'],
    );
    assert.deepEqual(
      page.waiting.map((m: { signature: string; mine: boolean }) => [m.signature, m.mine]),
      [['路人', true]],
    );
    // The family sees both waiting; only the family moderates (a visitor is 403, nothing changes).
    page = await view(daughter);
    assert.equal(page.family, true);
    assert.equal(page.waiting.length, 2);
    const refused = await moderate(stranger, fromCousin.body.message.id, 'show').expect(403);
    assert.equal(refused.body.error.code, 'MEMORIAL_FAMILY_ONLY');
    await moderate(daughter, fromCousin.body.message.id, 'publish').expect(400);
    await moderate(daughter, 99_999_999, 'show').expect(404);
    assert.equal((await view(cousin)).messages.length, 1);

    await moderate(daughter, fromCousin.body.message.id, 'show').expect(200);
    await moderate(daughter, fromStranger.body.message.id, 'show').expect(200);
    assert.deepEqual(
      (await view(cousin)).messages.map((m: { signature: string }) => m.signature),
      ['路人', '侄子 王强', '女儿 王丽'],
    );
    // A shown message can be hidden later; the family still sees it (to show again).
    await moderate(daughter, fromStranger.body.message.id, 'hide').expect(200);
    assert.deepEqual(
      (await view(cousin)).messages.map((m: { signature: string }) => m.signature),
      ['侄子 王强', '女儿 王丽'],
    );
    assert.deepEqual(
      (await view(daughter)).waiting.map((m: { statusName: string }) => m.statusName),
      ['家属已隐藏'],
    );
    const mine = (await request(s.url).get('/api/funeral/memorials').set(daughter.auth).expect(200)).body.items;
    assert.deepEqual(
      mine.map((m: { code: string; pendingMessages: number }) => [m.code, m.pendingMessages]),
      [[code, 0]],
    );
  });

  it('takes a flower once a day per person, and 404s an unknown page', async () => {
    const first = await request(s.url).post(`/api/funeral/memorials/${code}/flowers`).set(cousin.auth).expect(201);
    assert.equal(first.body.flowers, 1);
    const twice = await request(s.url).post(`/api/funeral/memorials/${code}/flowers`).set(cousin.auth).expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_FLOWERED');
    await request(s.url).post(`/api/funeral/memorials/${code}/flowers`).set(daughter.auth).expect(201);
    assert.equal((await view(stranger)).memorial.flowers, 2);
    assert.equal((await view(cousin)).floweredToday, true);

    setBeijingTime(s, '2026-04-04');
    assert.equal((await view(cousin)).floweredToday, false);
    const nextDay = await request(s.url).post(`/api/funeral/memorials/${code}/flowers`).set(cousin.auth).expect(201);
    assert.equal(nextDay.body.flowers, 3);

    const missing = await request(s.url).get('/api/funeral/memorials/ZZZZZZZZ').set(cousin.auth).expect(404);
    assert.match(missing.body.error.message, /纪念页/);
    await request(s.url).get('/api/funeral/memorials/bad').set(cousin.auth).expect(400);
    await request(s.url).get(`/api/funeral/memorials/${code}`).expect(401);
  });
});
