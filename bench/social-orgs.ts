/**
 * Social-organization lookups on MariaDB + Redis with a 1,000,000-organization register:
 * USCC lookup (the profile) and name search, 64 connections each, against the real server
 * (one process, as `npm start` runs it) and a bare Koa endpoint measured in the same run.
 * Targets: USCC lookup ≥ 30% of bare Koa with p99 ≤ 20 ms; name search p99 ≤ 100 ms.
 *
 *   npx tsx bench/social-orgs.ts
 *   env: BENCH_DB (mysql://root@127.0.0.1:3306/minzheng_bench), REDIS_URL (redis://127.0.0.1:6379),
 *        BENCH_ORGS (1000000; seeded with seed:orgs when short), BENCH_SECONDS (15),
 *        BENCH_CONNECTIONS (64), BENCH_ONLY=uscc (the USCC look-ups alone, no name searches)
 * Each row also gives the server process' CPU per request (from /proc): what a loaded machine
 * does not skew.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { QueryTypes, Sequelize } from 'sequelize';
import { rng } from '../server/src/modules/social-orgs/synthetic';
import { cpuClock, freePort } from './lib';

const ROOT = path.resolve(__dirname, '..');
const DB = process.env.BENCH_DB ?? 'mysql://root@127.0.0.1:3306/minzheng_bench';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ORGS = Number(process.env.BENCH_ORGS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const PREFIX = `mz:bench:so:${randomBytes(3).toString('hex')}:`;

function child(args: string[], env: Record<string, string>): ChildProcess {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  proc.stderr!.on('data', (b) => process.stderr.write(b));
  return proc;
}

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
  /** The server's CPU per request, µs (0 when not measured: bare Koa). */
  cpuUs: number;
}

/** The server's CPU clock, once it runs (set in main). */
let serverCpu: (() => number) | undefined;

/** A timed run, or with `amount`, exactly that many requests. */
async function load(name: string, base: string, next: () => string, seconds = SECONDS, amount?: number): Promise<Row> {
  const cpu = base.endsWith(`:${serverPort}`) ? serverCpu : undefined;
  const cpuBefore = cpu?.() ?? 0;
  const r = await autocannon({
    url: base,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    total: r.requests.total,
    cpuUs: cpu ? (cpu() - cpuBefore) / Math.max(1, r.requests.total) : 0,
  };
}
let serverPort = 0;

/** Paths drawn with Zipf's law (rank k with weight 1/k^s): searches as a public service sees them. */
function zipf(paths: string[], s: number, next: () => number) {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= paths.length; k++) cumulative.push((sum += 1 / k ** s));
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return paths[lo];
  };
}

const cycle = (paths: string[]) => {
  let i = 0;
  return () => paths[i++ % paths.length];
};

async function main() {
  const db = new Sequelize(DB, { logging: false, dialect: 'mysql' });
  const count = async () =>
    Number(
      (
        (await db
          .query('SELECT COUNT(*) AS n FROM social_orgs', { type: QueryTypes.SELECT })
          .catch(() => [{ n: 0 }])) as { n: number }[]
      )[0].n,
    );
  const have = await count();
  if (have < ORGS) {
    console.log(`seeding ${(ORGS - have).toLocaleString('en')} organizations into ${DB} …`);
    const seeded = spawnSync(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), 'server/src/cli/seed-orgs.ts', '--count', String(ORGS - have)],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: DB, REDIS_URL: REDIS },
        stdio: 'inherit',
      },
    );
    if (seeded.status !== 0) throw new Error('seeding failed');
  }
  const total = await count();
  const [{ pool }] = (await db.query('SELECT @@innodb_buffer_pool_size AS pool', { type: QueryTypes.SELECT })) as {
    pool: number;
  }[];
  const [{ maxId }] = (await db.query('SELECT MAX(id) AS maxId FROM social_orgs', { type: QueryTypes.SELECT })) as {
    maxId: number;
  }[];
  const r = rng(2026);
  // 5,000 to measure, and 1,000 more that warm the server up first (its code compiled and its
  // pools filled, as a server that has run a while): the 5,000 are still first look-ups.
  const ids = Array.from({ length: 6000 }, () => r.int(1, Number(maxId)));
  const sample = (await db.query(`SELECT uscc, name FROM social_orgs WHERE id IN (${ids.join(',')})`, {
    type: QueryTypes.SELECT,
  })) as { uscc: string; name: string }[];
  await db.close();

  // What people type: the full name, or 4–8 characters of it.
  const fragments = new Set<string>();
  for (let round = 0; fragments.size < 60_000 && round < 40; round++) {
    for (const { name } of sample) {
      const cs = [...name];
      if (r.next() < 0.25) {
        fragments.add(name);
        continue;
      }
      const len = Math.min(cs.length, r.int(4, 8));
      const start = r.int(0, cs.length - len);
      fragments.add(cs.slice(start, start + len).join(''));
    }
  }
  const nameQueries = [...fragments].map((q) => `/api/social-orgs?q=${encodeURIComponent(q)}`);
  const hotQueries = nameQueries.slice(0, 200);
  const allUscc = sample.map((s) => `/api/social-orgs/${s.uscc}`);
  const warmUscc = allUscc.slice(0, 1000);
  const usccPaths = allUscc.slice(1000);

  const [port, barePort] = [await freePort(), await freePort()];
  serverPort = port;
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const server = child([...profile, '--require', require.resolve('tsx/cjs'), 'server/src/main.ts'], {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: DB,
    REDIS_URL: REDIS,
    REDIS_PREFIX: PREFIX,
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
    LOG_LEVEL: 'warn',
    ADMIN_PASSWORD: 'Bench-admin-password-1',
  });
  const bare = child(
    [
      '-e',
      `const Koa=require('koa');const a=new Koa();a.use(c=>{c.body={ok:true}});require('http').createServer(a.callback()).listen(${barePort},'127.0.0.1')`,
    ],
    { NODE_PATH: path.join(ROOT, 'node_modules') },
  );
  serverCpu = cpuClock(server.pid);
  try {
    const base = `http://127.0.0.1:${port}`;
    const bareBase = `http://127.0.0.1:${barePort}`;
    await Promise.all([waitFor(`${base}/healthz`), waitFor(bareBase)]);
    console.log(
      `register: ${total.toLocaleString('en')} organizations on MariaDB (buffer pool ${Math.round(Number(pool) / 2 ** 20)} MB), cache on Redis; ${CONNECTIONS} connections, ${SECONDS} s per run; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
    );
    // The register, its name index and gram counts take ~2.3 GB per million organizations (README).
    if (Number(pool) < (total / 1e6) * 3 * 2 ** 30)
      console.log(
        'warning: the buffer pool is smaller than the README asks (3 GB per million organizations): searches will read from the disk cache',
      );

    const rows: Row[] = [];
    await load('warm-up', bareBase, () => '/', 3);
    await load('warm-up', base, cycle(warmUscc), 0, warmUscc.length);
    rows.push(await load('bare Koa', bareBase, () => '/'));
    // Each sampled profile once, from the database (cold); after this every one is cached.
    rows.push(await load('USCC lookup, first time (cold)', base, cycle(usccPaths), 0, usccPaths.length));
    rows.push(await load('USCC lookup (profile)', base, cycle(usccPaths)));
    const only = process.env.BENCH_ONLY === 'uscc';
    if (!only) rows.push(await load('name search, distinct queries', base, cycle(nameQueries)));
    if (!only) rows.push(await load('name search, 200 hot queries', base, cycle(hotQueries)));
    // Fresh fragments (after the distinct run) so the mix starts with a cold cache too.
    if (!only)
      rows.push(await load('name search, Zipf mix (s=1)', base, zipf(nameQueries.slice(20_000).reverse(), 1, r.next)));

    const bareRps = rows[0].rps;
    console.log(
      '\nscenario                         req/s    p50 ms  p99 ms  non-2xx  requests  vs bare Koa  server CPU µs/req',
    );
    for (const x of rows) {
      console.log(
        `${x.name.padEnd(32)} ${x.rps.toFixed(0).padStart(6)}  ${String(x.p50).padStart(6)}  ${String(x.p99).padStart(6)}  ${String(x.non2xx).padStart(7)}  ${String(x.total).padStart(8)}  ${((x.rps / bareRps) * 100).toFixed(0).padStart(10)}%  ${x.cpuUs ? x.cpuUs.toFixed(0).padStart(16) : ''}`,
      );
    }
    const [, cold, uscc, search, , mix] = rows;
    console.log(
      `USCC first look-up (cold): ${((cold.rps / bareRps) * 100).toFixed(0)}% of bare Koa (target ≥ 10%), p99 ${cold.p99} ms (target ≤ 30 ms), ${cold.cpuUs.toFixed(0)} µs server CPU a look-up; load ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `\nUSCC lookup: ${((uscc.rps / bareRps) * 100).toFixed(0)}% of bare Koa (target ≥ 30%), p99 ${uscc.p99} ms (target ≤ 20 ms) → ${uscc.rps / bareRps >= 0.3 && uscc.p99 <= 20 ? 'met' : 'NOT met'}`,
    );
    if (only) return;
    console.log(
      `name search (distinct): p99 ${search.p99} ms (target ≤ 100 ms) → ${search.p99 <= 100 ? 'met' : 'NOT met'}; ${search.total} requests over ${nameQueries.length} distinct queries`,
    );
    console.log(
      `name search (Zipf mix over ${nameQueries.length - 20_000} fragments, first seen in this run): p99 ${mix.p99} ms → ${mix.p99 <= 100 ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
