import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { pngBytes } from '../assistance/support';
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

  it('lets the family edit the page and its photo; anyone else is refused and nothing changes', async () => {
    const put = (who: { auth: Record<string, string> }, body: Record<string, unknown>) =>
      request(s.url).put(`/api/funeral/memorials/${code}`).set(who.auth).send(body);
    const edited = {
      deceasedName: '王建国',
      bornOn: '1941-08-16',
      diedOn: '2025-12-02',
      biography: '一生务农，勤劳朴实。晚年爱种花。',
    };
    // A cousin (a visitor) may not edit, upload a photo or withdraw: 403 in Chinese, nothing changed.
    const notHers = await put(cousin, { ...edited, deceasedName: '王某' }).expect(403);
    assert.equal(notHers.body.error.code, 'MEMORIAL_FAMILY_ONLY');
    assert.match(notHers.body.error.message, /只有创建纪念页的家属可以修改或撤下/);
    const png = await pngBytes();
    await request(s.url)
      .post(`/api/funeral/memorials/${code}/photo`)
      .set(cousin.auth)
      .attach('file', png, 'photo.png')
      .expect(403);
    await request(s.url).delete(`/api/funeral/memorials/${code}`).set(stranger.auth).expect(403);
    const before = (await view(cousin)).memorial;
    assert.equal(before.deceasedName, '王建国');
    assert.equal(before.bornOn, '1941-08-15');
    assert.equal(before.photoUrl, null);

    // Bad input from the family changes nothing either.
    assert.equal(
      (await put(daughter, { ...edited, diedOn: '2026-06-01' }).expect(400)).body.error.code,
      'DIED_IN_FUTURE',
    );
    assert.equal(
      (await put(daughter, { ...edited, bornOn: '2026-01-01' }).expect(400)).body.error.code,
      'BORN_AFTER_DEATH',
    );
    await put(daughter, { ...edited, deceasedName: '' }).expect(400);
    const fake = await request(s.url)
      .post(`/api/funeral/memorials/${code}/photo`)
      .set(daughter.auth)
      .attach('file', Buffer.from('<html>not a photo</html>'), 'photo.png')
      .expect(400);
    assert.match(fake.body.error.message, /JPG/);
    assert.equal((await view(cousin)).memorial.bornOn, '1941-08-15');

    // The daughter corrects the dates and the life, and adds a photo everyone with the code sees.
    const saved = (await put(daughter, edited).expect(200)).body.memorial;
    assert.equal(saved.bornOn, '1941-08-16');
    const withPhoto = await request(s.url)
      .post(`/api/funeral/memorials/${code}/photo`)
      .set(daughter.auth)
      .attach('file', png, 'photo.png')
      .expect(200);
    const photoUrl: string = withPhoto.body.memorial.photoUrl;
    assert.match(photoUrl, new RegExp(`^/api/funeral/memorials/${code}/photo\\?v=1$`));
    const seen = (await view(cousin)).memorial;
    assert.deepEqual(
      [seen.diedOn, seen.biography, seen.photoUrl],
      ['2025-12-02', '一生务农，勤劳朴实。晚年爱种花。', photoUrl],
    );
    const image = await request(s.url).get(photoUrl).expect(200);
    assert.equal(image.headers['content-type'], 'image/png');
    // A new photo has a new address; removing it leaves none.
    const again = await request(s.url)
      .post(`/api/funeral/memorials/${code}/photo`)
      .set(daughter.auth)
      .attach('file', png, 'photo.png')
      .expect(200);
    assert.match(again.body.memorial.photoUrl, /\?v=2$/);
    const removed = await request(s.url).delete(`/api/funeral/memorials/${code}/photo`).set(daughter.auth).expect(200);
    assert.equal(removed.body.memorial.photoUrl, null);
    await request(s.url).get(photoUrl).expect(404);
    await request(s.url)
      .post(`/api/funeral/memorials/${code}/photo`)
      .set(daughter.auth)
      .attach('file', png, 'photo.png')
      .expect(200);
  });

  it('lets the family withdraw the page: its code then answers 「已撤下」 to everyone', async () => {
    const photoUrl = (await view(daughter)).memorial.photoUrl;
    const done = await request(s.url).delete(`/api/funeral/memorials/${code}`).set(daughter.auth).expect(200);
    assert.equal(done.body.withdrawn, true);
    for (const who of [cousin, daughter]) {
      const gone = await request(s.url).get(`/api/funeral/memorials/${code}`).set(who.auth).expect(410);
      assert.equal(gone.body.error.code, 'MEMORIAL_WITHDRAWN');
      assert.match(gone.body.error.message, /已由家属撤下/);
    }
    await request(s.url).get(photoUrl).expect(410);
    await leave(cousin, { signature: '侄子 王强', content: '三叔安息' }).expect(410);
    await request(s.url).post(`/api/funeral/memorials/${code}/flowers`).set(cousin.auth).expect(410);
    await request(s.url)
      .put(`/api/funeral/memorials/${code}`)
      .set(daughter.auth)
      .send({ deceasedName: '王建国', diedOn: '2025-12-02' })
      .expect(410);
    await request(s.url).delete(`/api/funeral/memorials/${code}`).set(daughter.auth).expect(410);
    assert.deepEqual(
      (await request(s.url).get('/api/funeral/memorials').set(daughter.auth).expect(200)).body.items,
      [],
    );
  });
});
