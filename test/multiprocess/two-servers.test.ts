/**
 * Two full server processes (the real `server/src/main.ts`) share one Redis and one
 * database, as in production. Many citizens bind their phones at once, half through each
 * server, right after WeChat expired the access token: WeChat sees exactly one refresh.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config';
import { resetDatabase } from '../support/db';
import { testEnv } from '../support/env';
import { defaultApps, startSimulator, type RunningSimulator } from '../../server/src/wechat/simulator';
import { ROOT } from './support/processes';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const CALLERS = 60;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startServerProcess(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'server/src/main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  proc.stdout!.on('data', (d) => {
    output += d;
    if (process.env.TWO_SERVERS_LOG) process.stderr.write(d);
  });
  proc.stderr!.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // Starting tsx and every module (and migrating an empty database) takes a while on a busy machine.
  for (const deadline = Date.now() + 100_000; Date.now() < deadline; ) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, proc };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`server did not become healthy: ${output}`);
}

describe('Two server processes behind one Redis', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  let sim: RunningSimulator;
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;

  before(async () => {
    sim = await startSimulator({ apps: defaultApps(config) });
    const env = testEnv({
      WECHAT_API_BASE: sim.url,
      REDIS_URL,
      REDIS_PREFIX: `mz:test:two:${randomBytes(4).toString('hex')}:`,
      DATABASE_URL: process.env.DATABASE_URL || testEnv().DATABASE_URL,
      LOG_LEVEL: process.env.TWO_SERVERS_LOG || 'warn',
      SERVE_H5: 'false',
    });
    await resetDatabase(env.DATABASE_URL);
    // One after the other: the first applies the migrations, the second finds them done.
    const first = await startServerProcess(env);
    const second = await startServerProcess(env);
    servers.push(first.proc, second.proc);
    [a, b] = [first.url, second.url];
  });
  after(async () => {
    for (const p of servers) p.kill('SIGTERM');
    await sim.close();
  });

  const stats = async () =>
    ((await (await fetch(`${sim.url}/dev/stats`)).json()) as { calls: Record<string, number> }).calls;

  it('share sessions: a token issued by one server works on the other', async () => {
    const code = (await request(sim.url).post('/dev/login-code').send({ openid: 'o_two_servers' })).body.code;
    const login = await request(a).post('/api/auth/login').send({ code }).expect(200);
    const me = await request(b).get('/api/me').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    assert.equal(me.body.user.id, login.body.user.id);
  });

  it('stop gracefully on SIGTERM: a request in flight still gets its answer', async () => {
    const env = testEnv({
      WECHAT_API_BASE: sim.url,
      REDIS_URL,
      REDIS_PREFIX: `mz:test:stop:${randomBytes(4).toString('hex')}:`,
      LOG_LEVEL: 'warn',
      SERVE_H5: 'false',
    });
    const third = await startServerProcess(env);
    const exited = new Promise<number | null>((r) => third.proc.on('exit', (code) => r(code)));
    // WeChat takes a second and a half to answer this login: it is in flight when we stop.
    await request(sim.url).post('/dev/faults').send({ path: '/sns/jscode2session', delayMs: 1500 }).expect(200);
    const code = (await request(sim.url).post('/dev/login-code').send({ openid: 'o_graceful' })).body.code;
    const login = request(third.url)
      .post('/api/auth/login')
      .send({ code })
      .then((r) => r.status);
    await new Promise((r) => setTimeout(r, 400));
    third.proc.kill('SIGTERM');
    assert.equal(await login, 200);
    assert.equal(await exited, 0);
  });

  it('refresh an expired access token exactly once for many concurrent callers', async () => {
    const citizens = await Promise.all(
      Array.from({ length: CALLERS }, async (_, i) => {
        const code = (
          await request(sim.url)
            .post('/dev/login-code')
            .send({ openid: `o_stampede_${i}` })
        ).body.code;
        const login = await request(i % 2 ? a : b)
          .post('/api/auth/login')
          .send({ code })
          .expect(200);
        const phoneCode = (
          await request(sim.url)
            .post('/dev/phone-code')
            .send({ phoneNumber: `139${String(i).padStart(8, '0')}` })
        ).body.code;
        return { token: login.body.token as string, phoneCode: phoneCode as string, server: i % 2 ? b : a };
      }),
    );
    // Warm the token, then let WeChat expire it.
    await request(a)
      .put('/api/me/phone')
      .set('Authorization', `Bearer ${citizens[0].token}`)
      .send({ code: citizens[0].phoneCode })
      .expect(200);
    await fetch(`${sim.url}/dev/expire-tokens`, { method: 'POST' });
    const before = await stats();

    const results = await Promise.all(
      citizens
        .slice(1)
        .map((c) =>
          request(c.server).put('/api/me/phone').set('Authorization', `Bearer ${c.token}`).send({ code: c.phoneCode }),
        ),
    );
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);

    const after = await stats();
    const fetched = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    assert.equal(fetched('/cgi-bin/stable_token') + fetched('/cgi-bin/token'), 1, JSON.stringify({ before, after }));
  });
});
