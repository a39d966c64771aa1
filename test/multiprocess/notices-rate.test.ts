/**
 * The notice rate limit is shared by every worker. Two real worker processes
 * (`server/src/worker.ts`) and one server process share one Redis and one database; a few
 * hundred followers (subscribed through the real push endpoint) get a broadcast with the
 * limit set low. WeChat — the simulator — counts the template sends it receives each
 * second: never more than the limit (plus the bucket's burst), nobody twice, nobody missed.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../config';
import { loginStaff } from '../support/citizen';
import { resetDatabase } from '../support/db';
import { TEST_ADMIN_PASSWORD, testEnv } from '../support/env';
import { defaultApps, startSimulator, type RunningSimulator } from '../../server/src/wechat/simulator';
import { ROOT } from './support/processes';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RATE = 20;
/** The bucket holds 1/20 s of the rate (dispatch's rate gate): at most one extra call in a second. */
const BURST = Math.max(1, Math.ceil(RATE / 20));
const FOLLOWERS = 240;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startProcess(script: string, env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => {
    output = (output + d).slice(-8000);
  });
  proc.stderr!.on('data', (d) => {
    output = (output + d).slice(-8000);
  });
  return { proc, output: () => output };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, seconds = 120): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Notices: one rate limit across two worker processes', function () {
  this.timeout(300_000);
  const config = loadConfig({ NODE_ENV: 'test' });
  let sim: RunningSimulator;
  const procs: ChildProcess[] = [];
  let url: string;

  before(async () => {
    sim = await startSimulator({ apps: defaultApps(config) });
    const port = await freePort();
    const env = testEnv({
      WECHAT_API_BASE: sim.url,
      REDIS_URL,
      REDIS_PREFIX: `mz:test:rate:${randomBytes(4).toString('hex')}:`,
      DATABASE_URL: process.env.DATABASE_URL || testEnv().DATABASE_URL,
      NOTICE_RATE_PER_SEC: String(RATE),
      LOG_LEVEL: 'warn',
      SERVE_H5: 'false',
    });
    await resetDatabase(env.DATABASE_URL);
    // The server applies the migrations and answers HTTP (and WeChat's pushes); only the workers send.
    const server = startProcess('server/src/main.ts', { ...env, PORT: String(port), RUN_WORKERS: 'false' });
    procs.push(server.proc);
    url = `http://127.0.0.1:${port}`;
    await until('the server', async () => {
      if (server.proc.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    });
    for (let i = 0; i < 2; i++) procs.push(startProcess('server/src/worker.ts', env).proc);
    const { mp } = config.wechat;
    await request(sim.url)
      .post('/dev/push-config')
      .send({
        url: `${url}${mp.pushPath}`,
        token: mp.token,
        aesKey: mp.aesKey,
        appid: mp.appid,
        mode: 'safe',
        finishDelayMs: 100,
      })
      .expect(200);
  });

  after(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await sim?.close();
  });

  it('never sends faster than NOTICE_RATE_PER_SEC in total, and sends each follower exactly once', async () => {
    const admin = await loginStaff(url, 'admin', TEST_ADMIN_PASSWORD);
    const { body: qr } = await request(url)
      .post('/api/staff/mp/scenes')
      .set(admin.auth)
      .send({ kind: 'campaign', title: '冬季救助宣传', divisionCode: '4403', days: 7 })
      .expect(201);
    const openids = Array.from({ length: FOLLOWERS }, (_, i) => `o_rate_${i}_${randomBytes(3).toString('hex')}`);
    for (let i = 0; i < openids.length; i += 20) {
      await Promise.all(
        openids
          .slice(i, i + 20)
          .map((openid) => request(sim.url).post('/dev/mp/scan').send({ openid, ticket: qr.scene.ticket }).expect(200)),
      );
    }
    const segment = { kind: 'scene', scene: qr.scene.scene };
    await until(
      'every follower recorded',
      async () =>
        (await request(url).post('/api/staff/notices/broadcasts/preview').set(admin.auth).send({ segment }).expect(200))
          .body.count === FOLLOWERS,
    );

    const approverName = `approver_${randomBytes(3).toString('hex')}`;
    await request(url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username: approverName,
        displayName: '审核人',
        password: 'Approver-password-1',
        roles: ['approver'],
        scope: { divisions: [''], halls: [] },
      })
      .expect(201);
    const approver = await loginStaff(url, approverName, 'Approver-password-1');
    await request(sim.url).post('/dev/mp/deliveries/reset').expect(200);
    const { body: made } = await request(url)
      .post('/api/staff/notices/broadcasts')
      .set(admin.auth)
      .send({
        templateKey: 'notices.broadcast',
        data: { title: '冬季救助政策', content: '困难群众可向街道申请临时救助', date: '2026-12-01 09:00' },
        segment,
      })
      .expect(201);
    await request(url)
      .post(`/api/staff/notices/broadcasts/${made.broadcast.id}/approve`)
      .set(approver.auth)
      .expect(200);

    const done = await until(
      'the broadcast to finish',
      async () => {
        const { body } = await request(url)
          .get(`/api/staff/notices/broadcasts/${made.broadcast.id}`)
          .set(admin.auth)
          .expect(200);
        const c = body.broadcast.counts;
        return body.broadcast.expanded === FOLLOWERS && c.queued === 0 && c.sent === 0 ? body.broadcast : undefined;
      },
      240,
    );
    assert.deepEqual(done.counts, { queued: 0, sent: 0, delivered: FOLLOWERS, failed: 0, cancelled: 0 });

    const { body: rate } = await request(sim.url).get('/dev/mp/send-rate').expect(200);
    const perSecond = Object.entries(rate.perSecond as Record<string, number>)
      .map(([s, n]) => [Number(s), n] as const)
      .sort((a, b) => a[0] - b[0]);
    const counts = perSecond.map(([, n]) => n);
    const total = counts.reduce((a, b) => a + b, 0);
    assert.ok(total >= FOLLOWERS, `${total} calls for ${FOLLOWERS} followers`);
    const over = perSecond.filter(([, n]) => n > RATE + BURST);
    assert.deepEqual(over, [], `calls per second: ${counts.join(' ')}`);
    // Over the whole run, no more than the rate allows plus one burst.
    const seconds = perSecond[perSecond.length - 1][0] - perSecond[0][0] + 1;
    assert.ok(total <= RATE * seconds + BURST, `${total} calls in ${seconds} s`);
    // And the limit was what held them back: the busy seconds ran near it.
    assert.ok(Math.max(...counts) >= RATE * 0.75, `calls per second: ${counts.join(' ')}`);

    const { body: deliveries } = await request(sim.url).get('/dev/mp/deliveries').expect(200);
    assert.equal(deliveries.template.total, FOLLOWERS, 'none lost');
    assert.equal(deliveries.template.openids, FOLLOWERS);
    assert.equal(deliveries.template.duplicatedOpenids, 0, 'none twice');
  });
});
