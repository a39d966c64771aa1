/**
 * Broadcast to 100,000 followers on MariaDB + Redis through the WeChat simulator, with the
 * shared rate limit at 2,000/s; then again with a worker SIGKILLed midway and restarted.
 * Reports the achieved send rate (target ≥ 90 % of the limit), duplicates and lost messages
 * (both must be 0), and the ratio to a bare Koa endpoint measured in the same run.
 *
 *   npx tsx bench/notices-broadcast.ts
 *   env: BENCH_DB (mysql://root@127.0.0.1:3306/notices_bench, emptied first), REDIS_URL,
 *        BENCH_N (100000), BENCH_RATE (2000), BENCH_WORKERS (2), BENCH_SERVERS (1),
 *        BENCH_KILL=0 (steady run only), BENCH_PROF=<dir> (CPU profiles of the children),
 *        BENCH_LOG_DIR=<dir> (the children's whole output)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Koa from 'koa';
import Redis from 'ioredis';
import { Sequelize } from 'sequelize';
import { loadConfig } from '../config';
import { mpStateOf, startSimulator } from '../server/src/wechat/simulator';
import { resetDatabase } from '../test/support/db';
import { freePort } from './lib';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
const autocannon = require('autocannon') as (o: object) => Promise<{ requests: { average: number } }>;
const ROOT = path.resolve(__dirname, '..');
const DB = process.env.BENCH_DB ?? 'mysql://root@127.0.0.1:3306/notices_bench';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_N ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);
const PREFIX = `mz:bench:${randomBytes(4).toString('hex')}:`;
const ADMIN_PASSWORD = 'Bench-admin-password-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function bareKoa(): Promise<number> {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const server = http.createServer(app.callback()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  const r = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 50, duration: 3 });
  server.close();
  return r.requests.average;
}

const children = new Set<ChildProcess>();
function child(script: string, env: Record<string, string>, name: string): ChildProcess {
  // BENCH_PROF=<dir>: CPU profiles of every child (server and workers), written when each exits.
  const prof = process.env.BENCH_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  const proc = spawn(process.execPath, [...prof, '--require', require.resolve('tsx/cjs'), path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  if (process.env.BENCH_LOG_DIR) {
    // BENCH_LOG_DIR=<dir>: every child's output kept whole
    const file = fs.createWriteStream(path.join(process.env.BENCH_LOG_DIR, `${name}-${Date.now()}.log`));
    proc.stdout!.pipe(file);
    proc.stderr!.pipe(file);
  }
  proc.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code) console.error(`${name} exited ${code}:\n${tail}`);
  });
  return proc;
}

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} never came up`);
}

async function api(base: string, method: string, p: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main() {
  console.log(
    `notices-broadcast: ${N} followers, limit ${RATE}/s, ${WORKERS} workers, ${SERVERS} server(s), MariaDB + Redis`,
  );
  const koaRps = await bareKoa();

  await resetDatabase(DB);
  const config = loadConfig({ NODE_ENV: 'test' });
  const sim = await startSimulator({ config });
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: DB,
    REDIS_URL: REDIS,
    REDIS_PREFIX: PREFIX,
    WECHAT_API_BASE: sim.url,
    NOTICE_RATE_PER_SEC: String(RATE),
    NOTICE_LEASE_MS: '5000',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SERVE_H5: 'false',
    ADMIN_PASSWORD,
    HOST: '127.0.0.1',
  };
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < SERVERS; i++) ports.push(await freePort());
  for (const port of ports.slice(0, 1))
    servers.push(child('server/src/main.ts', { ...env, PORT: String(port), RUN_WORKERS: 'false' }, 'server'));
  await waitFor(`http://127.0.0.1:${ports[0]}/healthz`); // the first one migrates
  for (const port of ports.slice(1))
    servers.push(child('server/src/main.ts', { ...env, PORT: String(port), RUN_WORKERS: 'false' }, 'server'));
  for (const port of ports.slice(1)) await waitFor(`http://127.0.0.1:${port}/healthz`);
  const base = `http://127.0.0.1:${ports[0]}`;
  const workers: Array<ChildProcess | undefined> = Array.from({ length: WORKERS }, (_, i) =>
    child('server/src/worker.ts', env, `worker${i}`),
  );

  // WeChat pushes to our endpoint (round-robin over the servers), safe mode, reports 0.5 s after each send.
  let rr = 0;
  const { mp } = config.wechat;
  const target = () => ({
    url: `http://127.0.0.1:${ports[rr++ % ports.length]}${mp.pushPath}`,
    token: mp.token,
    aesKey: mp.aesKey,
    appid: mp.appid,
    mode: 'safe' as const,
    finishDelayMs: 500,
  });
  const simMp = mpStateOf(sim.state);
  Object.defineProperty(simMp, 'push', { get: target, set: () => {}, configurable: true });
  await api(sim.url, 'POST', '/dev/mp/quota', undefined, { templatePerDay: 10_000_000 });
  await api(sim.url, 'POST', '/dev/mp/followers', undefined, { prefix: 'o_bench_', count: N });

  // 100,000 followers of the account, as the subscribe events would have left them.
  const db = new Sequelize(DB.replace(/^mariadb:/, 'mysql:'), { logging: false, dialect: 'mysql' });
  for (let i = 0; i < N; i += 5000) {
    const rows = Array.from(
      { length: Math.min(5000, N - i) },
      (_, k) => `('${mp.appid}','o_bench_${i + k}',1,'bench',NOW(),NOW(),NOW())`,
    );
    await db.query(
      `INSERT INTO mp_subscribers (appid, openid, subscribed, source_scene, subscribed_at, created_at, updated_at) VALUES ${rows.join(',')}`,
    );
  }

  const admin = await api(base, 'POST', '/api/staff/login', undefined, { username: 'admin', password: ADMIN_PASSWORD });
  await api(base, 'POST', '/api/staff/accounts', admin.token, {
    username: 'approver1',
    displayName: '审核人',
    password: 'Approver-password-1',
    roles: ['approver'],
    scope: { divisions: [''], halls: [] },
  });
  const approver = await api(base, 'POST', '/api/staff/login', undefined, {
    username: 'approver1',
    password: 'Approver-password-1',
  });
  const segment = { kind: 'scene', scene: 'bench' };
  const preview = await api(base, 'POST', '/api/staff/notices/broadcasts/preview', admin.token, { segment });
  console.log(`preview: ${preview.count} recipients`);

  async function run(label: string, killMidway: boolean) {
    await api(sim.url, 'POST', '/dev/mp/deliveries/reset');
    const { broadcast } = await api(base, 'POST', '/api/staff/notices/broadcasts', admin.token, {
      templateKey: 'notices.broadcast',
      data: { title: '冬季救助政策提醒', content: '困难群众可向所在街道申请临时救助', date: '2026-12-01 09:00' },
      segment,
    });
    await api(base, 'POST', `/api/staff/notices/broadcasts/${broadcast.id}/approve`, approver.token);
    let killed = false;
    let view: any;
    let lastProgress = '';
    let lastChange = Date.now();
    for (;;) {
      await sleep(500);
      view = (await api(base, 'GET', `/api/staff/notices/broadcasts/${broadcast.id}`, admin.token)).broadcast;
      const c = view.counts;
      if (killMidway && !killed && c.sent + c.delivered >= N * 0.4) {
        killed = true;
        workers[0]!.kill('SIGKILL');
        console.log(`  [${label}] SIGKILLed worker0 at ${c.sent + c.delivered} sent; restarting it in 2 s`);
        await sleep(2000);
        workers[0] = child('server/src/worker.ts', env, 'worker0');
      }
      if (view.expanded === N && c.queued === 0 && c.sent === 0) break;
      // Every row went out, yet some delivery reports never came (WeChat gives up after 3 pushes).
      const progress = `${c.queued}/${c.sent}/${c.delivered}/${c.failed}`;
      if (progress !== lastProgress) {
        lastProgress = progress;
        lastChange = Date.now();
      }
      if (view.expanded === N && c.queued === 0 && Date.now() - lastChange > 30_000) break;
    }
    const [[t]] = (await db.query(
      `SELECT MIN(sent_at) AS a, MAX(sent_at) AS b, COUNT(*) AS n, SUM(status='delivered') AS d FROM notice_outbox WHERE broadcast_id = ${broadcast.id}`,
    )) as any;
    const seconds = (new Date(t.b).getTime() - new Date(t.a).getTime()) / 1000;
    const rate = Number(t.n) / seconds;
    const deliveries = await api(sim.url, 'GET', '/dev/mp/deliveries');
    // Lost: a follower WeChat never delivered to, or a row that ended failed (not merely unreported).
    const lost = N - deliveries.template.openids + Number(view.counts.failed);
    console.log(
      `  [${label}] load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} cores)`,
    );
    console.log(
      `  [${label}] ${t.n} rows, ${t.d} delivered, ${view.counts.failed} failed in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} sends/s = ${((100 * rate) / RATE).toFixed(1)} % of the ${RATE}/s limit`,
    );
    console.log(`  [${label}] rows still 'sent' (WeChat delivered, its report never reached us): ${view.counts.sent}`);
    console.log(
      `  [${label}] WeChat delivered ${deliveries.template.total} to ${deliveries.template.openids} openids: duplicates ${deliveries.template.total - deliveries.template.openids} (openids hit twice: ${deliveries.template.duplicatedOpenids}), lost ${lost}`,
    );
    return { rate, duplicates: deliveries.template.total - deliveries.template.openids, lost };
  }

  const clean = await run('steady', false);
  const crash = process.env.BENCH_KILL === '0' ? { rate: 0, duplicates: 0, lost: 0 } : await run('worker killed', true);
  console.log(
    `\nbare Koa: ${koaRps.toFixed(0)} req/s; broadcast sends are ${((100 * clean.rate) / koaRps).toFixed(2)} % of it (bounded by the ${RATE}/s limit, as they should be)`,
  );
  console.log(
    `RESULT steady: ${clean.rate.toFixed(0)}/s (${((100 * clean.rate) / RATE).toFixed(1)} %), dup ${clean.duplicates}, lost ${clean.lost}; killed: ${crash.rate.toFixed(0)}/s, dup ${crash.duplicates}, lost ${crash.lost}`,
  );

  for (const w of workers) w?.kill('SIGTERM');
  for (const s of servers) s.kill('SIGTERM');
  await sleep(1500);
  await db.close();
  await sim.close();
  const redis = new Redis(REDIS);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  process.exit(clean.duplicates + clean.lost + crash.duplicates + crash.lost === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  for (const c of children) c.kill('SIGKILL'); // never leave workers behind on the bench database
  process.exit(1);
});
