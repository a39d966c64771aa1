/**
 * 清明 rush: `npm run bench -- qingming`
 * (defaults: its own database `<db>_bench_qingming` beside DATABASE_URL's, or
 * mysql://root@127.0.0.1:3306/minzheng_bench_qingming; REDIS_URL=redis://127.0.0.1:6379;
 * BENCH_USERS, BENCH_PLACES, BENCH_CONNECTIONS override the sizes).
 * 50,000 citizens each try once to book 祭扫 at one cemetery on the morning of 清明 — 10,000
 * places in five hourly slots (07:00–12:00) — at 200 connections over TWO server processes
 * sharing the database; one in a hundred tries a second time. Checks: exactly the places booked,
 * no slot over its capacity, nobody twice in a slot, everyone else 「已约满」 (or 「已预约」 for the
 * second try), no 5xx. Prints p50/p99, req/s and the ratio to a bare Koa endpoint in the same run.
 * The database is emptied first.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  opts: Record<string, unknown>,
  cb: (err: Error | null, r: CannonResult) => void,
) => { stop(): void };
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { cpuClock, dayFrom, freePort, latencyTimeline, loadAverage, ownBenchDatabase, startBareKoa } from './lib';

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  '5xx': number;
}

const USERS = Number(process.env.BENCH_USERS ?? 50_000);
const PLACES = Number(process.env.BENCH_PLACES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const SLOTS = 5; // 07:00–12:00, hourly
const REPEAT_EVERY = 100; // one in a hundred tries twice
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `mz:bench-qingming:${process.pid}:`;
const PASSWORD = 'Bench-admin-password-1';
const ROOT = path.resolve(__dirname, '..');
let DB_URL = '';

const env = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  DATABASE_URL: DB_URL,
  REDIS_URL,
  REDIS_PREFIX: PREFIX,
  ADMIN_PASSWORD: PASSWORD,
  LOG_LEVEL: 'error',
  SEED_DEMO: 'false',
  WECHAT_SIMULATOR: 'true',
  SERVE_H5: 'false',
  TRUST_PROXY: 'true',
  ...extra,
});

async function json(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body as Record<string, any>;
}

const statementsFile = (port: number) => path.join(os.tmpdir(), `bench-qingming-${process.pid}-${port}.statements`);

/** SQL statements a server process has run so far (bench/count-statements.cjs, asked by SIGUSR2). */
async function statementsOf(child: ChildProcess, port: number): Promise<number> {
  const file = statementsFile(port);
  fs.rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : Number.NaN;
}

function startServer(port: number): Promise<ChildProcess> {
  // BENCH_PROFILE=<dir>: each server process writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const counter = ['--require', path.join(__dirname, 'count-statements.cjs')];
  // BENCH_TRACE=<dir>: each server's request timeline (bench/trace-requests.cjs).
  const trace = process.env.BENCH_TRACE ? ['--require', path.join(__dirname, 'trace-requests.cjs')] : [];
  const child = spawn(process.execPath, [...profile, ...counter, ...trace, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env({ PORT: String(port), HOST: '127.0.0.1', BENCH_STATEMENTS_FILE: statementsFile(port) }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 180_000; // a busy machine starts a process slowly
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return resolve(child);
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        return reject(new Error(`server on ${port} did not start`));
      }
      setTimeout(poll, 200);
    };
    child.once('exit', (code) => reject(new Error(`server on ${port} exited with ${code}`)));
    void poll();
  });
}

function cannon(url: string, amount: number, connections: number, requests?: unknown[]) {
  return new Promise<CannonResult>((resolve, reject) => {
    autocannon({ url, connections, amount, ...(requests ? { requests } : {}) }, (err, r) =>
      err ? reject(err) : resolve(r),
    );
  });
}

async function main() {
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = 'mysql://root@127.0.0.1:3306/minzheng';
  DB_URL = await ownBenchDatabase('qingming');
  console.log(
    `清明 rush: ${USERS} citizens (1 in ${REPEAT_EVERY} twice), ${PLACES} places in ${SLOTS} slots, ${CONNECTIONS} connections, 2 server processes, ${DB_URL.replace(/\/\/[^@]*@/, '//')}`,
  );
  // Setup: migrations, the demo cemetery, a funeral_staff account opening the morning a week
  // ahead, citizens with live sessions written straight to the tables (the rush is measured).
  const setup = await createApp(loadConfig(env({ RUN_WORKERS: 'false' })));
  const setupUrl = await setup.listen(0, '127.0.0.1');
  const funeral = setup.modules.funeral;
  const cemeteryId = await funeral.catalog.ensurePlace({
    kind: 'cemetery',
    name: '压测福园公墓',
    divisionCode: '110105',
    address: '北京市朝阳区',
    phone: '010-00000000',
    hours: '07:00-17:00',
    services: ['祭扫'],
    waiverCaps: {},
    fees: [],
  });
  const { token: adminToken } = await json(`${setupUrl}/api/staff/login`, {
    method: 'POST',
    body: { username: 'admin', password: PASSWORD },
  });
  const staff = { username: 'bench.qingming', password: 'Bench-funeral-staff-1' };
  await json(`${setupUrl}/api/staff/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: { ...staff, displayName: '压测公墓', roles: ['funeral_staff'], scope: { divisions: ['110105'], halls: [] } },
  });
  const { token } = await json(`${setupUrl}/api/staff/login`, { method: 'POST', body: staff });
  const date = dayFrom(setup.platform.clock.today(), 7);
  const { items: slots } = await json(`${setupUrl}/api/staff/funeral/places/${cemeteryId}/visit-slots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: { date, from: '07:00', to: '12:00', capacity: Math.ceil(PLACES / SLOTS) },
  });
  const capacity = slots.reduce((n: number, s: { capacity: number }) => n + s.capacity, 0);

  const t0 = Date.now();
  const { db, citizenSessions } = setup.platform;
  const now = new Date();
  for (let i = 0; i < USERS; i += 5000) {
    const rows = [];
    for (let k = i; k < Math.min(USERS, i + 5000); k++)
      rows.push({ openid: `o_qm_${k}`, created_at: now, updated_at: now });
    await db.getQueryInterface().bulkInsert('users', rows);
  }
  const [users] = (await db.query("SELECT id, openid FROM users WHERE openid LIKE 'o_qm_%' ORDER BY id")) as [
    Array<{ id: number; openid: string }>,
    unknown,
  ];
  const tokens: string[] = [];
  // Sessions are one Redis write each, pipelined (the client batches a tick's commands); 1,000 at
  // a time, as 5,000 at once went past the cache's 1 s deadline on a loaded machine.
  for (let i = 0; i < users.length; i += 1000)
    tokens.push(
      ...(await Promise.all(
        users
          .slice(i, i + 1000)
          .map((u) =>
            citizenSessions.issue({ userId: Number(u.id), openid: u.openid, sessionKey: 'bench' }).then((s) => s.token),
          ),
      )),
    );
  console.log(`setup: ${tokens.length} citizens with sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${date}`);
  await setup.close();

  // Request k: citizen k (k < USERS), then the repeaters (every REPEAT_EVERY-th citizen again).
  const plan = [...tokens.map((_, k) => k), ...tokens.map((_, k) => k).filter((k) => k % REPEAT_EVERY === 0)];
  const ports = [await freePort(), await freePort()];
  const servers: ChildProcess[] = [];
  const bare = await startBareKoa();
  try {
    for (const port of ports) servers.push(await startServer(port));
    const outcome = { created: 0, full: 0, twice: 0, other: new Map<string, number>() };
    const timeline = latencyTimeline();
    const runs = ports.map((port, p) => {
      const mine = plan.filter((_, i) => i % 2 === p);
      let next = 0;
      return cannon(`http://127.0.0.1:${port}`, mine.length, CONNECTIONS / 2, [
        {
          method: 'POST',
          path: '/api/funeral/visits',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            timeline?.sent(context);
            const user = mine[next++ % mine.length];
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokens[user]}`,
                'x-forwarded-for': `10.${p}.${Math.floor(user / 2550) % 250}.${Math.floor(user / 10) % 255}`,
              },
              body: JSON.stringify({ slotId: slots[user % slots.length].id, deceasedName: '张德明', companions: 0 }),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            timeline?.received(context);
            if (status === 201) outcome.created++;
            else if (status === 409 && body.includes('"SLOT_FULL"')) outcome.full++;
            else if (status === 409 && body.includes('"ALREADY_BOOKED"')) outcome.twice++;
            else {
              const k = `${status} ${body.slice(0, 120)}`;
              outcome.other.set(k, (outcome.other.get(k) ?? 0) + 1);
            }
          },
        },
      ]);
    });
    const cpus = servers.map((s) => cpuClock(s.pid));
    const cpuBefore = cpus.map((c) => c());
    const sqlBefore = await Promise.all(servers.map((s, i) => statementsOf(s, ports[i])));
    const started = Date.now();
    const results = await Promise.all(runs);
    const wallS = (Date.now() - started) / 1000;
    const cpuUs = cpus.reduce((n, c, i) => n + c() - cpuBefore[i], 0);
    const sqlAfter = await Promise.all(servers.map((s, i) => statementsOf(s, ports[i])));
    const statements = sqlAfter.reduce((n, x, i) => n + x - sqlBefore[i], 0);
    const bareResult = await cannon(bare.url, plan.length, CONNECTIONS);

    const check = await createApp(loadConfig(env({ RUN_WORKERS: 'false' })));
    const [[row]] = (await check.platform.db.query(`SELECT
        (SELECT COUNT(*) FROM funeral_visits) AS visits,
        (SELECT COUNT(*) FROM (SELECT user_id FROM funeral_visits GROUP BY slot_id, user_id HAVING COUNT(*) > 1) x) AS twice,
        (SELECT COUNT(*) FROM funeral_visit_slots WHERE booked > capacity) AS over_capacity,
        (SELECT SUM(booked) FROM funeral_visit_slots WHERE place_id = ${cemeteryId}) AS booked`)) as [
      Array<Record<string, number>>,
      unknown,
    ];
    await check.close();

    const fivexx = results.reduce((n, r) => n + r['5xx'], 0);
    const errors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
    const expected = Math.min(capacity, USERS);
    console.log(
      `responses: ${outcome.created} × 201, ${outcome.full} × 409 「已约满」, ${outcome.twice} × 409 「已预约」, ${[...outcome.other.values()].reduce((a, b) => a + b, 0)} other, ${fivexx} × 5xx, ${errors} socket errors/timeouts`,
    );
    for (const [k, n] of outcome.other) console.log(`  other: ${n} × ${k}`);
    console.log(
      `database: ${Number(row.visits)} visits, ${Number(row.booked)}/${capacity} places taken, ${Number(row.over_capacity)} slots over capacity, ${Number(row.twice)} people twice in a slot`,
    );
    results.forEach((r, p) =>
      console.log(
        `process ${p + 1}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s`,
      ),
    );
    const reqPerS = plan.length / wallS;
    const bareRps = plan.length / (bareResult.duration || 1);
    console.log(
      `booking: ${reqPerS.toFixed(0)} req/s over both processes (${plan.length} requests in ${wallS.toFixed(1)} s)`,
    );
    console.log(
      `bare Koa: p50 ${bareResult.latency.p50} ms, p99 ${bareResult.latency.p99} ms, ${bareRps.toFixed(0)} req/s`,
    );
    console.log(
      `server CPU: ${(cpuUs / plan.length / 1000).toFixed(2)} ms a request (both processes, ${(cpuUs / 1e6).toFixed(1)} s for ${plan.length}); SQL statements: ${(statements / plan.length).toFixed(2)} a request (${statements}; the winners' ${(statements / Math.max(1, outcome.created)).toFixed(1)} each if only they reached the database)`,
    );
    console.log(`ratio 清明 booking/bare Koa: ${(reqPerS / bareRps).toFixed(3)}; load average ${loadAverage()}`);
    timeline?.print();
    const ok =
      outcome.created === expected &&
      Number(row.visits) === expected &&
      Number(row.booked) === expected &&
      Number(row.over_capacity) === 0 &&
      Number(row.twice) === 0 &&
      outcome.other.size === 0 &&
      fivexx === 0 &&
      errors === 0;
    console.log(ok ? 'PASS: exactly the places booked, none over, nobody twice, the rest told why, no 5xx' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await bare.close();
    for (const s of servers) s.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
