import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { withCheckDigit } from '../support/id-numbers';

/** ID numbers no other story binds (one number belongs to one account). */
let serial = 0;
const freshIdNumber = () => withCheckDigit(`33010619850412${String(++serial).padStart(3, '0')}`);

/**
 * 「我的」 is read on every page a citizen opens, so the citizen's row is kept in the shared
 * cache; whatever they change shows on their very next page, whichever server answers it.
 */
describe('A citizen sees their own changes at once', () => {
  let a: TestServer;
  let b: TestServer | undefined;
  before(async () => {
    a = await startServer();
    // Two servers share what a citizen sees only through a shared cache: Redis.
    if (TEST_REDIS_URL) b = await startServer();
  });
  after(async () => {
    await a.close();
    await b?.close();
  });

  const me = (s: TestServer, auth: Record<string, string>) =>
    request(s.url)
      .get('/api/me')
      .set(auth)
      .expect(200)
      .then((r) => r.body.user);

  it('binds a real name and a phone and sees both on the next page (same server)', async () => {
    const c = await loginCitizen(a.url);
    assert.equal((await me(a, c.auth)).realNamed, false);
    assert.equal((await me(a, c.auth)).realNamed, false); // read twice: now kept
    await request(a.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '张三', idNumber: freshIdNumber() })
      .expect(200);
    const named = await me(a, c.auth);
    assert.equal(named.realNamed, true);
    assert.equal(named.name, '张*');
    assert.match(named.idNumber, /^330106\*{8}\d{3}[\dX]$/);

    const { body: minted } = await request(a.url)
      .post('/__wechat__/dev/phone-code')
      .send({ phoneNumber: '13912340000' })
      .expect(200);
    await request(a.url).put('/api/me/phone').set(c.auth).send({ code: minted.code }).expect(200);
    const phoned = await me(a, c.auth);
    assert.equal(phoned.phoneBound, true);
    assert.equal(phoned.phone, '139****0000');
    assert.equal(phoned.realNamed, true);
  });

  it('binds a real name on one server and sees it on the next page served by another', async function () {
    if (!b) this.skip(); // embedded mode is one process: there is no second server to ask
    const c = await loginCitizen(a.url);
    // Both servers have read (and kept) the row before the change.
    assert.equal((await me(a, c.auth)).realNamed, false);
    assert.equal((await me(b, c.auth)).realNamed, false);
    await request(a.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '李四', idNumber: freshIdNumber() })
      .expect(200);
    const other = await me(b, c.auth);
    assert.equal(other.realNamed, true);
    assert.equal(other.name, '李*');
  });

  it('signs out on one server and the same token is refused at once by every server', async () => {
    const c = await loginCitizen(a.url);
    // Both servers have answered with the token (and kept the row) before it ends.
    await me(a, c.auth);
    if (b) await me(b, c.auth);
    await request(a.url).post('/api/auth/logout').set(c.auth).expect(204);
    for (const s of b ? [a, b] : [a]) {
      const r = await request(s.url).get('/api/me').set(c.auth).expect(401);
      assert.equal(r.body.error.code, 'UNAUTHENTICATED');
    }
  });

  it("a token changed to name another citizen opens nobody's page", async () => {
    const first = await loginCitizen(a.url);
    const second = await loginCitizen(a.url);
    await request(a.url)
      .put('/api/me/identity')
      .set(second.auth)
      .send({ name: '王五', idNumber: freshIdNumber() })
      .expect(200);
    await me(a, second.auth);
    // The token's head names its citizen (so the row is read with the session): pointing it at
    // the second citizen gives the first one's token no session at all.
    const head = (t: string) => t.slice(0, t.indexOf('_'));
    const forged = `${head(second.token)}${first.token.slice(head(first.token).length)}`;
    assert.notEqual(forged, first.token);
    const r = await request(a.url)
      .get('/api/me')
      .set({ authorization: `Bearer ${forged}` })
      .expect(401);
    assert.equal(r.body.error.code, 'UNAUTHENTICATED');
    assert.equal((await me(a, first.auth)).realNamed, false);
  });
});
