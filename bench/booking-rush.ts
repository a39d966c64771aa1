/**
 * Booking rush: `npx tsx bench/booking-rush.ts`
 * (defaults: DATABASE_URL=mysql://root@127.0.0.1:3306/minzheng_bench_rush (created if missing), REDIS_URL=redis://127.0.0.1:6379;
 * BENCH_USERS, BENCH_SEATS, BENCH_CONNECTIONS override the sizes).
 * 20,000 distinct real-named citizens each try once to book one of 200 seats (20 periods × 10)
 * at 200 concurrent connections, spread over TWO server processes sharing MariaDB and Redis.
 * Checks: exactly 200 confirmed, nobody twice, everyone else a clear 「已约满」, no 5xx.
 * Warm-up on by default (BENCH_WARMUP, 2,000 other citizens rush the next day first, not measured):
 * a deployed server has served bookings before a rush; BENCH_WARMUP=0 measures freshly started ones.
 * Prints p50/p99 latency, req/s, and the ratio to a bare Koa endpoint measured in the same run.
 * The database is emptied first: never point it at data you want to keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  opts: Record<string, unknown>,
  cb: (err: Error | null, r: CannonResult) => void,
) => { stop(): void };
import Koa from 'koa';
import { Sequelize } from 'sequelize';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { resetDatabase } from '../test/support/db';
import { cpuClock, freePort, latencyTimeline, loadAverage } from './lib';

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
}

const USERS = Number(process.env.BENCH_USERS ?? 20_000);
const SEATS = Number(process.env.BENCH_SEATS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
// BENCH_WARMUP=<n> (default 2,000): before the measured rush, n other citizens rush the next open
// day after it (its own slots and seat stock, 200 winners, the rest 「已约满」; not measured, its
// bookings not counted in the checks), so the servers meet the rush already running, as a deployed
// server that has served bookings does, rather than just started: no first compilation of every
// code path while the winners wait. BENCH_WARMUP=0: processes that served nothing (the worst case).
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const PERIODS = 20;
// Its own database by default: the bench empties it, and must not pull tables from under tests.
const DB_URL = process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/minzheng_bench_rush';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `${process.env.REDIS_PREFIX ?? 'mz:'}bench-rush:${process.pid}:`;
const PASSWORD = 'Bench-admin-password-1';
const ROOT = path.resolve(__dirname, '..');
const SERVICE = 'MZ-JZ-01';

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

/** A valid GB 11643 number, distinct for each i. */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${birth}${String(100 + Math.floor(i / 15_000)).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[w.reduce((s, x, k) => s + x * Number(body[k]), 0) % 11];
}

function startServer(port: number): Promise<ChildProcess> {
  // BENCH_PROFILE=<dir>: each server process writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  // BENCH_TRACE=<dir>: each server's request timeline (bench/trace-requests.cjs).
  const trace = process.env.BENCH_TRACE ? ['--require', path.join(__dirname, 'trace-requests.cjs')] : [];
  const child = spawn(process.execPath, [...profile, ...trace, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env({ PORT: String(port), HOST: '127.0.0.1' }) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return resolve(child);
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error(`server on ${port} did not start`));
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

async function bareKoa() {
  const koa = new Koa();
  koa.use((ctx) => {
    ctx.status = 409;
    ctx.body = { error: { code: 'SLOT_FULL', message: '已约满，请选择其他时段或日期' } };
  });
  const server = http.createServer(koa.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function main() {
  console.log(
    `booking rush: ${USERS} users, ${SEATS} seats, ${CONNECTIONS} connections, 2 server processes, ${DB_URL.replace(/\/\/[^@]*@/, '//')} + Redis`,
  );
  if (DB_URL.startsWith('mysql:')) {
    const u = new URL(DB_URL);
    const admin = new Sequelize(`mysql://${u.username}${u.password ? `:${u.password}` : ''}@${u.host}/`, {
      logging: false,
      dialect: 'mysql',
    });
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${u.pathname.slice(1)}\` CHARACTER SET utf8mb4`);
    await admin.close();
  }
  await resetDatabase(DB_URL);
  // The setup process: migrations, a hall with 200 seats on its next open day, 20,000 real-named
  // citizens with live sessions (written straight to the tables and the session store: the
  // rush, not the sign-up, is what is measured). It serves nothing and runs no jobs.
  const setup = await createApp(loadConfig(env({ RUN_WORKERS: 'false' })));
  const setupUrl = await setup.listen(0, '127.0.0.1');
  const { token } = await json(`${setupUrl}/api/staff/login`, {
    method: 'POST',
    body: { username: 'admin', password: PASSWORD },
  });
  const auth = { authorization: `Bearer ${token}` };
  const { hall } = await json(`${setupUrl}/api/staff/halls`, {
    method: 'POST',
    headers: auth,
    body: {
      name: '压测婚姻登记处',
      divisionCode: '110105',
      address: '北京市朝阳区',
      hours: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
    },
  });
  await json(`${setupUrl}/api/staff/halls/${hall.id}/windows`, {
    method: 'PUT',
    headers: auth,
    body: { windows: [{ number: '1', name: '综合窗口', serviceCodes: [SERVICE] }] },
  });
  const perPeriod = Math.ceil(SEATS / PERIODS);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const periods = Array.from({ length: PERIODS }, (_, i) => {
    const start = i < 10 ? 9 * 60 + i * 15 : 13 * 60 + 30 + (i - 10) * 15;
    return { key: `p${String(i).padStart(2, '0')}`, start: hhmm(start), end: hhmm(start + 15), capacity: perPeriod };
  });
  await json(`${setupUrl}/api/staff/halls/${hall.id}/booking-configs/${SERVICE}`, {
    method: 'PUT',
    headers: auth,
    body: { periods, openDaysAhead: 30 },
  });
  const av = await json(`${setupUrl}/api/bookings/availability?hallId=${hall.id}&serviceCode=${SERVICE}&days=30`);
  // A day after today: today's periods close one by one (60 minutes before each starts), so a rush
  // run in the afternoon on today's slots would meet 「已停止预约」 instead of the seats.
  const today = setup.platform.clock.today();
  const openDays = av.days.filter((d: { status: string; date: string }) => d.status === 'open' && d.date > today);
  const date = openDays[0].date as string;
  const warmDate = openDays[1]?.date as string;

  const t0 = Date.now();
  const { pii, db, citizenSessions } = setup.platform;
  const tokens: string[] = [];
  const now = new Date();
  for (let i = 0; i < USERS + WARMUP; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(USERS + WARMUP, i + 1000); k++) {
      const id = idNumber(k);
      rows.push({
        openid: `o_bench_${k}`,
        name_enc: pii.encrypt('压测用户'),
        id_number_enc: pii.encrypt(id),
        id_number_hash: pii.hash(id),
        real_named_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    await db.getQueryInterface().bulkInsert('users', rows);
  }
  const [users] = (await db.query("SELECT id, openid FROM users WHERE openid LIKE 'o_bench_%' ORDER BY id")) as [
    Array<{ id: number; openid: string }>,
    unknown,
  ];
  for (let i = 0; i < users.length; i += 500) {
    tokens.push(
      ...(await Promise.all(
        users
          .slice(i, i + 500)
          .map((u) =>
            citizenSessions.issue({ userId: Number(u.id), openid: u.openid, sessionKey: 'bench' }).then((s) => s.token),
          ),
      )),
    );
  }
  const warmTokens = tokens.splice(USERS);
  console.log(
    `setup: ${tokens.length} real-named citizens with sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s; rush date ${date}`,
  );
  await setup.close();

  const ports = [await freePort(), await freePort()];
  const servers = await Promise.all(ports.map(startServer));
  const bare = await bareKoa();
  try {
    if (WARMUP) {
      const warmHalf = Math.ceil(warmTokens.length / 2);
      const warm = { created: 0, other: 0 };
      await Promise.all(
        ports.map((port, p) => {
          const mine = warmTokens.slice(p * warmHalf, (p + 1) * warmHalf);
          let next = 0;
          return cannon(`http://127.0.0.1:${port}`, mine.length, CONNECTIONS / 2, [
            {
              method: 'POST',
              path: '/api/bookings',
              setupRequest: (req: Record<string, unknown>) => {
                const i = next++;
                return {
                  ...req,
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Bearer ${mine[i]}`,
                    'x-forwarded-for': `10.${100 + p}.${Math.floor(i / 2550) % 250}.${Math.floor(i / 10) % 255}`,
                  },
                  body: JSON.stringify({
                    hallId: hall.id,
                    serviceCode: SERVICE,
                    date: warmDate,
                    period: periods[i % PERIODS].key,
                    consentNotices: true,
                  }),
                };
              },
              onResponse: (status: number) => {
                if (status === 201) warm.created++;
                else if (status !== 409) warm.other++;
              },
            },
          ]);
        }),
      );
      console.log(
        `warm-up (not measured): ${warmTokens.length} other citizens rushed ${warmDate}: ${warm.created} × 201, ${warm.other} neither 201 nor 409`,
      );
    }
    // Each process gets half the users and half the connections; 10 users share an address.
    const outcome = { created: 0, full: 0, other: new Map<string, number>() };
    const timeline = latencyTimeline();
    const half = Math.ceil(tokens.length / 2);
    const runs = ports.map((port, p) => {
      const mine = tokens.slice(p * half, (p + 1) * half);
      let next = 0;
      return cannon(`http://127.0.0.1:${port}`, mine.length, CONNECTIONS / 2, [
        {
          method: 'POST',
          path: '/api/bookings',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            timeline?.sent(context);
            const i = next++;
            const user = p * half + i;
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${mine[i]}`,
                'x-forwarded-for': `10.${p}.${Math.floor(user / 2550) % 250}.${Math.floor(user / 10) % 255}`,
              },
              body: JSON.stringify({
                hallId: hall.id,
                serviceCode: SERVICE,
                date,
                period: periods[user % PERIODS].key,
                consentNotices: true,
              }),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            timeline?.received(context);
            if (status === 201) outcome.created++;
            else if (status === 409 && body.includes('"SLOT_FULL"') && body.includes('已约满')) outcome.full++;
            else {
              const k = `${status} ${body.slice(0, 120)}`;
              outcome.other.set(k, (outcome.other.get(k) ?? 0) + 1);
            }
          },
        },
      ]);
    });
    // The servers' own CPU over the rush (from /proc): per request, what the code costs whatever the load.
    const clocks = servers.map((s) => cpuClock(s.pid));
    const cpuBefore = clocks.map((c) => c());
    const started = Date.now();
    const results = await Promise.all(runs);
    const cpuUs = clocks.map((c, i) => c() - cpuBefore[i]);
    const wallS = (Date.now() - started) / 1000;
    const bareResult = await cannon(bare.url, tokens.length, CONNECTIONS);

    const [[confirmed]] = await (async () => {
      const check = await createApp(loadConfig(env({ RUN_WORKERS: 'false' })));
      try {
        return [
          await check.platform.db
            .query(`SELECT
          (SELECT COUNT(*) FROM bookings WHERE status = 'confirmed' AND date = '${date}') AS confirmed,
          (SELECT COUNT(*) FROM (SELECT user_id FROM bookings GROUP BY user_id HAVING COUNT(*) > 1) x) AS twice,
          (SELECT SUM(booked) FROM booking_slots WHERE date = '${date}') AS booked,
          (SELECT SUM(capacity) FROM booking_slots WHERE date = '${date}') AS capacity`)
            .then((r) => r[0] as Array<Record<string, number>>),
        ];
      } finally {
        await check.close();
      }
    })();

    const reqPerS = tokens.length / wallS;
    const fivexx = results.reduce((n, r) => n + r['5xx'], 0);
    const errors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
    console.log(
      `responses: ${outcome.created} × 201, ${outcome.full} × 409 「已约满」, ${[...outcome.other.values()].reduce((a, b) => a + b, 0)} other, ${fivexx} × 5xx, ${errors} socket errors/timeouts`,
    );
    for (const [k, n] of outcome.other) console.log(`  other: ${n} × ${k}`);
    console.log(
      `database: ${Number(confirmed.confirmed)} confirmed bookings, ${Number(confirmed.twice)} people with two, seats ${Number(confirmed.booked)}/${Number(confirmed.capacity)}`,
    );
    results.forEach((r, p) =>
      console.log(
        `process ${p + 1}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s (autocannon average)`,
      ),
    );
    console.log(
      `booking: ${reqPerS.toFixed(0)} req/s over both processes (${tokens.length} requests in ${wallS.toFixed(2)} s)`,
    );
    console.log(
      `bare Koa (1 process, same ${CONNECTIONS} connections, same count): p50 ${bareResult.latency.p50} ms, p99 ${bareResult.latency.p99} ms, ${(tokens.length / (bareResult.duration || 1)).toFixed(0)} req/s`,
    );
    console.log(`ratio booking/bare Koa: ${(reqPerS / (tokens.length / (bareResult.duration || 1))).toFixed(3)}`);
    console.log(
      `server CPU: ${(cpuUs.reduce((a, b) => a + b, 0) / tokens.length).toFixed(0)} µs a request over both processes (${cpuUs.map((us, i) => `process ${i + 1} ${(us / 1000).toFixed(0)} ms`).join(', ')}); load average ${loadAverage()}`,
    );
    timeline?.print();
    const ok =
      outcome.created === SEATS &&
      outcome.full === tokens.length - SEATS &&
      fivexx === 0 &&
      errors === 0 &&
      Number(confirmed.confirmed) === SEATS &&
      Number(confirmed.twice) === 0 &&
      Number(confirmed.booked) === SEATS;
    console.log(ok ? 'PASS: exactly the seats booked, nobody twice, everyone else told 「已约满」, no 5xx' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    bare.close();
    for (const s of servers) s.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
