import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen, loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';

describe('Staff sign in, hold roles and scopes, and get locked out', () => {
  let s: TestServer;
  let admin: Awaited<ReturnType<typeof loginStaff>>;
  before(async () => {
    s = await startServer();
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
  });
  after(async () => s.close());

  const newAccount = (username: string, roles: string[], divisions: string[]) =>
    request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '测试人员',
        password: 'Correct-horse-42',
        roles,
        scope: { divisions, halls: [] },
      });

  it('lets the admin create a hall worker scoped to one district', async () => {
    const r = await newAccount('hall.dongcheng', ['hall_staff'], ['110101']).expect(201);
    assert.deepEqual(r.body.staff.roles, ['hall_staff']);
    assert.equal(JSON.stringify(r.body).includes('password'), false);
    const me = await loginStaff(s.url, 'hall.dongcheng', 'Correct-horse-42');
    assert.deepEqual(me.staff.scope.divisions, ['110101']);
  });

  it('refuses weak passwords, unknown roles and taken usernames with clear errors', async () => {
    const weak = await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({ username: 'weak.one', displayName: '弱', password: 'short', roles: ['editor'], scope: { divisions: [] } })
      .expect(400);
    assert.ok(weak.body.error.fields.password);
    const role = await newAccount('bad.role', ['superuser'], []).expect(400);
    assert.equal(role.body.error.code, 'VALIDATION_FAILED');
    await newAccount('taken.name', ['editor'], ['']).expect(201);
    const dup = await newAccount('taken.name', ['editor'], ['']).expect(409);
    assert.equal(dup.body.error.code, 'USERNAME_TAKEN');
  });

  it('refuses staff routes to the wrong role, to citizens and to nobody', async () => {
    await newAccount('editor.one', ['editor'], ['']).expect(201);
    const editor = await loginStaff(s.url, 'editor.one', 'Correct-horse-42');
    const r = await request(s.url).get('/api/staff/accounts').set(editor.auth).expect(403);
    assert.equal(r.body.error.code, 'FORBIDDEN');
    const citizen = await loginCitizen(s.url);
    await request(s.url).get('/api/staff/accounts').set(citizen.auth).expect(401);
    await request(s.url).get('/api/staff/accounts').expect(401);
  });

  it('locks an account after five wrong passwords, even against the right one, until an admin unlocks it', async () => {
    const created = await newAccount('locked.out', ['editor'], ['']).expect(201);
    for (let i = 0; i < 4; i++) {
      const r = await request(s.url)
        .post('/api/staff/login')
        .send({ username: 'locked.out', password: `wrong-${i}` })
        .expect(401);
      assert.equal(r.body.error.message, '用户名或密码错误');
    }
    const fifth = await request(s.url)
      .post('/api/staff/login')
      .send({ username: 'locked.out', password: 'wrong-5' })
      .expect(423);
    assert.equal(fifth.body.error.code, 'ACCOUNT_LOCKED');
    await request(s.url)
      .post('/api/staff/login')
      .send({ username: 'locked.out', password: 'Correct-horse-42' })
      .expect(423);
    await request(s.url).post(`/api/staff/accounts/${created.body.staff.id}/unlock`).set(admin.auth).expect(200);
    await loginStaff(s.url, 'locked.out', 'Correct-horse-42');
  });

  it('slows down password guessing from one address', async () => {
    const strict = await startServer({ RATE_STAFF_LOGIN_PER_IP: '5', REDIS_PREFIX: `mz:test:staff-rl:${Date.now()}:` });
    // Seven names at once (so no name's own lock answers first), inside one minute's window.
    const answers = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        request(strict.url)
          .post('/api/staff/login')
          .send({ username: `nobody.guess${i}`, password: `guess-${i}` }),
      ),
    );
    await strict.close();
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const r = await request(s.url)
      .post('/api/staff/login')
      .send({ username: 'nobody.here', password: 'whatever' })
      .expect(401);
    assert.equal(r.body.error.message, '用户名或密码错误');
  });

  it('audits every staff look-up of a citizen by ID number and shows it masked', async () => {
    await newAccount('hall.lookup', ['hall_staff'], ['110105']).expect(201);
    const hall = await loginStaff(s.url, 'hall.lookup', 'Correct-horse-42');
    const c = await loginCitizen(s.url);
    await request(s.url).put('/api/me/identity').set(c.auth).send({ name: '周七', idNumber: '11010519491231002X' });
    const r = await request(s.url)
      .get('/api/staff/citizens')
      .query({ idNumber: '11010519491231002X' })
      .set(hall.auth)
      .expect(200);
    assert.equal(r.body.user.idNumber, '110105********002X');
    const [rows] = (await s.app.platform.db.query(
      "SELECT actor_id, target_id FROM audit_logs WHERE action = 'citizen.lookup' ORDER BY id DESC",
    )) as [{ actor_id: string; target_id: string }[], unknown];
    assert.equal(rows[0].actor_id, String(hall.staff.id));
    assert.equal(rows[0].target_id, String(r.body.user.id));
    const bad = await request(s.url).get('/api/staff/citizens').query({ idNumber: '123' }).set(hall.auth).expect(400);
    assert.ok(bad.body.error.fields.idNumber);
  });
});
