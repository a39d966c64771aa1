/**
 * Password guessing against real server processes: 25 wrong passwords sent at the same
 * instant count 25, so the lock engages at the fifth, and a username nobody holds is answered
 * and counted exactly the same. On Redis two processes share the guessing; embedded, one
 * process with its in-process cache. A change an admin makes on one process ends a session on
 * the other at its next request.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { resetDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD, testEnv } from '../support/env';
import { type ServerProcess, startServerProcess } from './support/server-process';

const GUESSES = 25;
const PASSWORD = 'Guarded-pass-2026';
const onRedis = Boolean(process.env.REDIS_URL);

describe(`Staff lockout under parallel guessing (${onRedis ? 'two processes on Redis' : 'one embedded process'})`, () => {
  const servers: ServerProcess[] = [];
  let adminAuth: Record<string, string>;
  before(async function () {
    this.timeout(120_000);
    const env = testEnv({
      REDIS_PREFIX: `mz:test:lockout:${randomBytes(4).toString('hex')}:`,
      LOG_LEVEL: 'warn',
      SERVE_H5: 'false',
      RUN_WORKERS: 'false',
    });
    await resetDatabase(env.DATABASE_URL);
    // One after the other: the first applies the migrations.
    servers.push(await startServerProcess(env));
    if (onRedis) servers.push(await startServerProcess(env));
    const login = await request(servers[0].url)
      .post('/api/staff/login')
      .send({ username: 'admin', password: TEST_ADMIN_PASSWORD })
      .expect(200);
    adminAuth = { Authorization: `Bearer ${login.body.token}` };
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  const server = (i: number) => servers[i % servers.length].url;

  async function createAccount(username: string) {
    const r = await request(server(0))
      .post('/api/staff/accounts')
      .set(adminAuth)
      .send({
        username,
        displayName: '被猜密码的人',
        password: PASSWORD,
        roles: ['editor'],
        scope: { divisions: [''] },
      })
      .expect(201);
    return r.body.staff.id as number;
  }

  async function guessAtOnce(username: string) {
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        request(server(i))
          .post('/api/staff/login')
          .send({ username, password: `wrong-guess-${i}` }),
      ),
    );
    const tally: Record<number, number> = {};
    for (const a of answers) tally[a.status] = (tally[a.status] ?? 0) + 1;
    const locked = answers.find((a) => a.status === 423)?.body;
    return { tally, locked };
  }

  it('counts every one of 25 simultaneous wrong passwords: four are told it is wrong, the rest that it is locked', async () => {
    const id = await createAccount('guarded.one');
    const { tally, locked } = await guessAtOnce('guarded.one');
    assert.deepEqual(tally, { 401: 4, 423: 21 });
    assert.equal(locked.error.code, 'ACCOUNT_LOCKED');

    // The right password does not get through the lock, on any process.
    for (let i = 0; i < servers.length; i++) {
      const r = await request(server(i)).post('/api/staff/login').send({ username: 'guarded.one', password: PASSWORD });
      assert.equal(r.status, 423);
    }
    await request(server(1)).post(`/api/staff/accounts/${id}/unlock`).set(adminAuth).expect(200);
    await request(server(0)).post('/api/staff/login').send({ username: 'guarded.one', password: PASSWORD }).expect(200);
  });

  it('answers and counts a username nobody holds exactly the same, so the lock tells nothing', async () => {
    await createAccount('guarded.two');
    const real = await guessAtOnce('guarded.two');
    const ghost = await guessAtOnce('nobody.holds.this');
    assert.deepEqual(ghost.tally, { 401: 4, 423: 21 });
    assert.deepEqual(ghost.tally, real.tally);
    assert.deepEqual(ghost.locked, real.locked);
    const wrong = await request(server(0)).post('/api/staff/login').send({ username: 'never.seen', password: 'x' });
    const wrongReal = await request(server(0))
      .post('/api/staff/login')
      .send({ username: 'guarded.one', password: 'x' });
    assert.deepEqual(wrong.body, wrongReal.body);
  });

  it(`ends${onRedis ? ', on another process,' : ''} the session of an account an admin disabled`, async () => {
    const id = await createAccount('guarded.three');
    const login = await request(server(1))
      .post('/api/staff/login')
      .send({ username: 'guarded.three', password: PASSWORD })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    await request(server(1)).get('/api/staff/me').set(auth).expect(200);
    await request(server(0)).post(`/api/staff/accounts/${id}/disable`).set(adminAuth).expect(200);
    const refused = await request(server(1)).get('/api/staff/me').set(auth).expect(401);
    assert.equal(refused.body.error.code, 'ACCOUNT_DISABLED');
  });
});
