/**
 * A fresh install started as `npm start` does: the admin password printed once is one-time, so
 * the first thing the admin can do with it is change it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ownMariaDb, resetDatabase } from '../support/db';
import { testEnv } from '../support/env';
import { type ServerProcess, startServerProcess } from './support/server-process';

describe('The first admin', () => {
  let server: ServerProcess;
  before(async function () {
    this.timeout(150_000);
    // A database of its own, empty: MariaDB beside DATABASE_URL's when that names one, else a SQLite file.
    const databaseUrl = process.env.DATABASE_URL?.match(/^(mysql|mariadb):/)
      ? (await ownMariaDb('first_admin'))!
      : `sqlite:${path.join(os.tmpdir(), `minzheng-first-admin-${randomBytes(4).toString('hex')}.sqlite`)}`;
    await resetDatabase(databaseUrl);
    server = await startServerProcess({
      ...testEnv({
        DATABASE_URL: databaseUrl,
        REDIS_PREFIX: `mz:test:first-admin:${randomBytes(4).toString('hex')}:`,
        LOG_LEVEL: 'warn',
        SERVE_H5: 'false',
        RUN_WORKERS: 'false',
      }),
      ADMIN_PASSWORD: '', // as on a fresh install: the password is generated and printed
    });
  });
  after(async () => server?.stop());

  it('gets a printed password that must be changed before anything else', async () => {
    const printed = /username: admin\s+password: (\S+)/.exec(server.output());
    assert.ok(printed, server.output());
    assert.match(server.output(), /one-time/);
    const login = await request(server.url)
      .post('/api/staff/login')
      .send({ username: 'admin', password: printed[1] })
      .expect(200);
    assert.equal(login.body.mustChangePassword, true);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    const blocked = await request(server.url).get('/api/staff/accounts').set(auth).expect(403);
    assert.equal(blocked.body.error.code, 'PASSWORD_CHANGE_REQUIRED');

    const changed = await request(server.url)
      .post('/api/staff/me/password')
      .set(auth)
      .send({ oldPassword: printed[1], newPassword: 'Harbour-lights-2026' })
      .expect(200);
    await request(server.url)
      .get('/api/staff/accounts')
      .set({ Authorization: `Bearer ${changed.body.token}` })
      .expect(200);
  });
});
