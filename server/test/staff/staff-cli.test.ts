import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD, testEnv } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run staff -- …` as an operator types it, against this server's database and cache. */
function staffCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn('npm', ['run', '--silent', 'staff', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...testEnv({ LOG_LEVEL: 'warn' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    proc.stderr.on('data', (d) => {
      stderr += d;
    });
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('The staff CLI resets a lost password', function () {
  this.timeout(120_000);
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('prints a one-time password for a locked-out admin, which must be changed at sign-in', async () => {
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    const username = `lost.admin.${process.pid}`;
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username,
        displayName: '忘记密码的管理员',
        password: 'Forgotten-pass-1',
        roles: ['admin'],
        scope: { divisions: [''] },
      })
      .expect(201);
    const before = await loginStaff(s.url, username, 'Forgotten-pass-1');
    for (let i = 0; i < 5; i++)
      await request(s.url)
        .post('/api/staff/login')
        .send({ username, password: `guess-${i}` });
    await request(s.url).post('/api/staff/login').send({ username, password: 'Forgotten-pass-1' }).expect(423);

    const run = await staffCli(['reset-password', username]);
    assert.equal(run.code, 0, run.stderr);
    const printed = /one-time password for (\S+): (\S+)/.exec(run.stdout);
    assert.ok(printed, run.stdout);
    assert.equal(printed[1], username);

    const login = await request(s.url).post('/api/staff/login').send({ username, password: printed[2] }).expect(200);
    assert.equal(login.body.mustChangePassword, true);
    const blocked = await request(s.url)
      .get('/api/staff/accounts')
      .set({ Authorization: `Bearer ${login.body.token}` })
      .expect(403);
    assert.equal(blocked.body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    // With Redis the CLI also drops the account's cached state, so the old session ends at once
    // (embedded, the running server's in-process cache lets it live out its few seconds).
    if (s.app.platform.cache.kind === 'redis') await request(s.url).get('/api/staff/me').set(before.auth).expect(401);

    const [rows] = (await s.app.platform.db.query(
      "SELECT actor_type, actor_id FROM audit_logs WHERE action = 'staff.reset_password' AND target_id = ?",
      { replacements: [String(login.body.staff.id)] },
    )) as [{ actor_type: string; actor_id: string }[], unknown];
    assert.deepEqual(rows, [{ actor_type: 'system', actor_id: 'cli' }]);
  });

  it('says so, and exits non-zero, for a username nobody holds or a wrong command', async () => {
    const missing = await staffCli(['reset-password', 'nobody.at.all']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /没有用户名为 nobody\.at\.all/);
    const usage = await staffCli(['drop-everything']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: npm run staff -- reset-password <username>/);
  });
});
