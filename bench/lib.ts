/**
 * Shared bench plumbing: a bare Koa endpoint as the yardstick, an autocannon run, and one
 * printed line per target with req/s, p50/p99 and the ratio to bare Koa measured in the same
 * run (same machine, same moment), so the figures compare across machines.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import type autocannon from 'autocannon';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import { resetDatabase } from '../test/support/db';

/** A port nobody listens on now (the OS picks it), for a child server to take. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

export interface Measure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** µs of CPU per request of the measured process (see cpuClock). */
  cpuUs: number;
  /** Requests answered in the run. */
  total: number;
  /** SQL statements per request, when the bench counts them (see statementCounter). */
  statements?: number;
  /**
   * This process's garbage collections during the run (a server measured in-process: its pauses
   * are in its p99): scavenges, full (mark-compact) collections, and their pause in ms, summed.
   */
  gc?: { minor: number; major: number; pauseMs: number };
}

/** Counts this process's garbage collections from now until `stop()`. */
function watchGc(): () => { minor: number; major: number; pauseMs: number } {
  const seen = { minor: 0, major: 0, pauseMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) seen.major++;
      else if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) seen.minor++;
      seen.pauseMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    for (const entry of observer.takeRecords()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) seen.major++;
      else if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) seen.minor++;
      seen.pauseMs += entry.duration;
    }
    observer.disconnect();
    return seen;
  };
}

/**
 * SQL statements the app has sent so far (every query, the sign-in check's and any background
 * job's included): Sequelize's, and the reads `readRows` sends through mysql2 on one of
 * Sequelize's pooled connections. A bench that serves in-process divides the difference by the
 * requests.
 */
export function statementCounter(db: import('sequelize').Sequelize): () => number {
  let n = 0;
  (db as unknown as { addHook(name: 'beforeQuery', fn: () => void): unknown }).addHook('beforeQuery', () => {
    n++;
  });
  onDirectReads(db, () => {
    n++;
  });
  return () => n;
}

/** A statement readRows sent through mysql2: its SQL with placeholders, and their values. */
interface DirectRead {
  sql: string;
  values?: unknown;
  namedPlaceholders?: boolean;
}
const directReadWatchers = new WeakMap<object, Set<(read: DirectRead) => void>>();

/**
 * Calls `watch` with the SQL of every statement sent straight through mysql2 on a connection
 * taken from Sequelize's pool for 'read' (`readRows`), which Sequelize's hooks never see.
 * On SQLite readRows goes through Sequelize, so its hooks count it. Returns the unsubscribe.
 */
export function onDirectReads(db: import('sequelize').Sequelize, watch: (read: DirectRead) => void): () => void {
  const manager = db.connectionManager as unknown as { getConnection(o?: { type?: string }): Promise<unknown> };
  let watchers = directReadWatchers.get(manager);
  if (!watchers) {
    const all = new Set<(read: DirectRead) => void>();
    watchers = all;
    directReadWatchers.set(manager, all);
    const wrapped = new WeakSet<object>();
    const get = manager.getConnection.bind(manager);
    manager.getConnection = async (o?: { type?: string }) => {
      const conn = (await get(o)) as { query(options: DirectRead | string, ...rest: unknown[]): unknown };
      if (o?.type === 'read' && !wrapped.has(conn)) {
        wrapped.add(conn);
        const query = conn.query.bind(conn);
        // Only the statements readRows sends on a connection it took for 'read' (Sequelize's own
        // on the same connection later are counted by its hooks, not here).
        conn.query = (options: DirectRead | string, ...rest: unknown[]) => {
          if (typeof options === 'object' && options.namedPlaceholders !== undefined)
            for (const w of all)
              w({ sql: options.sql, values: options.values, namedPlaceholders: options.namedPlaceholders });
          return query(options, ...rest);
        };
      }
      return conn;
    };
  }
  watchers.add(watch);
  return () => watchers.delete(watch);
}

/**
 * CPU time (µs) used so far by a process: this one by default (a bench that serves in-process
 * counts its load generator too, for the bare endpoint alike), or a child by pid (from
 * /proc, Linux). On a busy machine throughput follows the machine; CPU per request follows
 * the code, so it is what shows a change.
 */
export function cpuClock(pid?: number): () => number {
  if (pid === undefined) {
    return () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    };
  }
  const ticksPerSecond = 100; // USER_HZ on Linux
  return () => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  };
}

/** The load average, as `uptime` prints it. */
export const loadAverage = () =>
  (fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3) : ['?']).join(' ');

export async function startBareKoa(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { status: 'ok' };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function measure(
  name: string,
  opts: {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /**
     * Each request's path (with its query), drawn here before the run: `PATHS_AHEAD` of them,
     * taken in turn by the load generator. Without it every request goes to `url`.
     */
    path?: () => string;
    /** Whose CPU to count: this process by default. */
    cpu?: () => number;
    /** SQL statements sent so far (statementCounter), to print them per request. */
    statements?: () => number;
  },
): Promise<Measure> {
  // The paths are drawn and written to the child's file before the CPU clock starts (that
  // work is the bench's, not the server's), and are garbage by then.
  const file = settingsFile({
    url: opts.url,
    connections: opts.connections ?? 64,
    duration: opts.duration ?? Number(process.env.BENCH_SECONDS ?? 10),
    headers: opts.headers,
    paths: opts.path ? Array.from({ length: PATHS_AHEAD }, opts.path) : undefined,
  });
  const cpu = opts.cpu ?? cpuClock();
  const cpuBefore = cpu();
  const statementsBefore = opts.statements?.() ?? 0;
  const gc = watchGc();
  const result = await loadFromChild(file);
  const gcSeen = gc();
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUs: (cpu() - cpuBefore) / Math.max(1, result.requests.total),
    gc: opts.cpu ? undefined : gcSeen,
    total: result.requests.total,
    statements: opts.statements
      ? (opts.statements() - statementsBefore) / Math.max(1, result.requests.total)
      : undefined,
  };
}

/** The load generator's settings as a file for bench/load-child.mjs; its path. */
function settingsFile(settings: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  paths?: string[];
}): string {
  const file = path.join(os.tmpdir(), `bench-load-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(settings));
  return file;
}

/** How many paths `measure` draws ahead of a run (more than a 10 s run at 20,000 req/s asks). */
const PATHS_AHEAD = 200_000;

/**
 * autocannon in a child process (bench/load-child.mjs): the load generator has its own event
 * loop, so the server's latency and CPU per request are the server's alone — as a real client's
 * would be. Until 2026-12-07 the community, elderly, family-search and place-name benches ran it in
 * the server's own process, which put autocannon's work inside every request's p99.
 */
function loadFromChild(file: string): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'load-child.mjs'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as autocannon.Result);
      } catch {
        reject(new Error(`the load generator exited with ${code}: ${out.slice(0, 200)}`));
      }
    });
  }).finally(() => fs.rmSync(file, { force: true }));
}

export function report(baseline: Measure, targets: Measure[]): void {
  const rows = [baseline, ...targets].map((m) => ({
    target: m.name,
    'req/s': Math.round(m.rps),
    'p50 ms': m.p50,
    'p99 ms': m.p99,
    'vs bare Koa': m === baseline ? '1.00' : (m.rps / baseline.rps).toFixed(2),
    'CPU µs/req': Math.round(m.cpuUs),
    ...(m.statements !== undefined ? { 'SQL/req': m.statements.toFixed(2) } : {}),
    ...(m.gc ? { 'GC minor/major': `${m.gc.minor}/${m.gc.major}`, 'GC ms': Math.round(m.gc.pauseMs) } : {}),
    'non-2xx': m.non2xx,
    errors: m.errors,
  }));
  console.table(rows);
  console.log(`load average ${loadAverage()}`);
}

/**
 * A database of a bench's own, emptied: a fresh SQLite file, or `<db>_bench_<name>` beside the
 * MariaDB database DATABASE_URL names (so a bench never fills the database people work in).
 * `keep`: a MariaDB one is not emptied (the bench checks what it holds).
 */
export async function ownBenchDatabase(name: string, opts: { keep?: boolean } = {}): Promise<string> {
  const configured = process.env.DATABASE_URL;
  if (!configured?.startsWith('mysql:'))
    return `sqlite:${path.join(os.tmpdir(), `minzheng-bench-${name}-${process.pid}.sqlite`)}`;
  const u = new URL(configured);
  const own = `${u.pathname.slice(1) || 'test'}_bench_${name}`;
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username,
    password: u.password || undefined,
  });
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${own}\` CHARACTER SET utf8mb4`);
  await conn.end();
  u.pathname = `/${own}`;
  if (!opts.keep) await resetDatabase(u.toString());
  return u.toString();
}

/** The date `offset` calendar days from `date` (YYYY-MM-DD): for spreading seeded rows, not a clock. */
export const dayFrom = (date: string, offset: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * What one request costs the database, judged without the clock: the statements the app sent while
 * `run` made the request (captured from Sequelize; readRows' from its mysql2 connections), and, on
 * MariaDB, the rows the storage engine read for them (`Handler_read_*`, session counters) when the SELECTs are replayed on a connection of
 * this bench's own, and the index entries it looked at and skipped by index condition pushdown
 * (`Handler_icp_attempts − Handler_icp_match`: read, but in no Handler_read_* counter), and the
 * InnoDB pages the replay touched (`ANALYZE FORMAT=JSON`'s r_engine_stats.pages_accessed, 16 KB
 * each) with the indexes it read (`+` when the index alone answered: covering). On a shared,
 * loaded machine these follow the query plans, not the neighbours.
 */
export async function sqlCost(
  db: import('sequelize').Sequelize,
  databaseUrl: string,
  run: () => Promise<unknown>,
): Promise<{
  statements: number;
  rowsRead: number | null;
  indexEntriesSkipped: number | null;
  pagesAccessed?: number;
  indexes?: string[];
}> {
  const sqls: DirectRead[] = [];
  const hook = 'bench-sql-cost';
  db.addHook('afterQuery', hook, (_options, query) => {
    const { sql } = query as unknown as { sql?: string };
    if (sql) sqls.push({ sql });
  });
  const stopWatching = onDirectReads(db, (read) => sqls.push(read));
  try {
    await run();
  } finally {
    db.removeHook('afterQuery', hook);
    stopWatching();
  }
  if (!databaseUrl.startsWith('mysql:')) return { statements: sqls.length, rowsRead: null, indexEntriesSkipped: null };
  const u = new URL(databaseUrl);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username,
    password: u.password || undefined,
    database: u.pathname.slice(1),
  });
  const handlerReads = async () => {
    const [rows] = await conn.query("SHOW SESSION STATUS LIKE 'Handler_read%'");
    return (rows as { Value: string }[]).reduce((sum, r) => sum + Number(r.Value), 0);
  };
  // Index entries the engine looked at and left behind by index condition pushdown: not in Handler_read_*.
  const icpSkipped = async () => {
    const [rows] = await conn.query("SHOW SESSION STATUS LIKE 'Handler_icp_%'");
    const v = Object.fromEntries(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]),
    );
    return (v.Handler_icp_attempts ?? 0) - (v.Handler_icp_match ?? 0);
  };
  try {
    const a = await handlerReads();
    const overhead = (await handlerReads()) - a; // what SHOW STATUS itself reads
    let rowsRead = 0;
    let indexEntriesSkipped = 0;
    let pagesAccessed = 0;
    const indexes: string[] = [];
    // Each table an ANALYZE FORMAT=JSON plan reads (the parts of a UNION ALL too).
    const tablesOf = (node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] => {
      if (Array.isArray(node)) for (const n of node) tablesOf(n, out);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === 'table' && v && typeof v === 'object' && 'table_name' in v) out.push(v as Record<string, unknown>);
          tablesOf(v, out);
        }
      return out;
    };
    for (const statement of sqls.filter((s) => /^\s*(SELECT|\(SELECT)/i.test(s.sql))) {
      const skippedBefore = await icpSkipped();
      const before = await handlerReads();
      await conn.query(statement as { sql: string });
      rowsRead += (await handlerReads()) - before - overhead;
      indexEntriesSkipped += (await icpSkipped()) - skippedBefore;
      const [analyzed] = await conn.query({
        ...(statement as { sql: string }),
        sql: `ANALYZE FORMAT=JSON ${statement.sql}`,
      });
      for (const t of tablesOf(JSON.parse(Object.values((analyzed as Record<string, string>[])[0])[0]))) {
        pagesAccessed += Number((t.r_engine_stats as { pages_accessed?: number } | undefined)?.pages_accessed ?? 0);
        indexes.push(`${t.key ?? t.access_type}${t.using_index ? '+' : ''}`);
      }
    }
    return { statements: sqls.length, rowsRead, indexEntriesSkipped, pagesAccessed, indexes };
  } finally {
    await conn.end();
  }
}

/**
 * Counts the shared-cache commands (each one round trip to Redis) and SQL statements an
 * in-process app makes: `sample()` gives the counts since the last sample. Statements are
 * Sequelize's (its beforeQuery hook) and the mysql2 reads taken straight from its pool
 * (`readRows`: a connection acquired for 'read').
 */
export function countRoundTrips(platform: {
  cache: object;
  db: import('sequelize').Sequelize;
}): () => { cache: number; sql: number } {
  let cache = 0;
  let sql = 0;
  const target = platform.cache as Record<string, unknown>;
  for (const name of [
    'get',
    'getMany',
    'set',
    'setIfAbsent',
    'del',
    'incr',
    'takeFromStock',
    'returnToStock',
    'ttl',
    'takeTokens',
  ]) {
    const fn = target[name];
    if (typeof fn !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      cache++;
      return (fn as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
  (platform.db as unknown as { addHook(name: string, fn: () => void): void }).addHook('beforeQuery', () => {
    sql++;
  });
  const manager = platform.db.connectionManager as unknown as { getConnection(o?: { type?: string }): unknown };
  const get = manager.getConnection.bind(manager);
  manager.getConnection = (o?: { type?: string }) => {
    if (o?.type === 'read') sql++;
    return get(o);
  };
  return () => {
    const counts = { cache, sql };
    cache = 0;
    sql = 0;
    return counts;
  };
}

/**
 * BENCH_CPU_PROF=<dir>: a V8 CPU profile of this process (the server, when the load runs in a
 * child) between start and stop, written to <dir>/<name>.cpuprofile (Chrome's DevTools or
 * speedscope open it). The same profiler as `node --cpu-prof`, without the set-up around it.
 * Null when the variable is not set.
 */
export async function startCpuProfile(): Promise<{ stop(name: string): Promise<string> } | null> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return null;
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop(name: string) {
      const { profile } = await post('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

/**
 * BENCH_TRACE=<dir>: each request's latency as the load generator saw it, by the second of the
 * run it was sent in (autocannon's per-connection context carries the send time from
 * setupRequest to onResponse), printed beside the servers' own timeline (bench/trace-requests.cjs
 * preloaded into them): says whether a run's tail is its first seconds, the server, or queueing
 * before the server saw the request. Null when the variable is not set.
 */
export function latencyTimeline(): {
  sent(context: Record<string, unknown>): void;
  received(context: Record<string, unknown>): void;
  print(): void;
} | null {
  const dir = process.env.BENCH_TRACE;
  if (!dir) return null;
  let t0 = 0;
  const seconds = new Map<number, number[]>();
  return {
    sent(context) {
      const now = performance.now();
      if (!t0) t0 = now;
      context.benchSentAt = now;
    },
    received(context) {
      const at = context.benchSentAt as number | undefined;
      if (at === undefined) return;
      const k = Math.floor((at - t0) / 1000);
      const list = seconds.get(k) ?? [];
      list.push(performance.now() - at);
      seconds.set(k, list);
    },
    print() {
      const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
      const all = [...seconds.values()].flat().sort((a, b) => a - b);
      const p99 = q(all, 0.99);
      console.log(`client latency by second sent (p99 over all ${p99.toFixed(0)} ms):`);
      for (const [k, xs] of [...seconds.entries()].sort((a, b) => a[0] - b[0])) {
        xs.sort((a, b) => a - b);
        console.log(
          `  s${k}: ${xs.length} sent, p50 ${q(xs, 0.5).toFixed(0)} ms, p99 ${q(xs, 0.99).toFixed(0)} ms, max ${q(xs, 1).toFixed(0)} ms, ${xs.filter((x) => x >= p99).length} at or over the overall p99`,
        );
      }
    },
  };
}

/**
 * Open-loop paced load: `count` requests whose send times are a Poisson process of mean rate
 * count / seconds (exponential gaps from a fixed seed: arrivals cluster by chance as real ones
 * do, but are not sent in lock-step waves), over at most `connections` keep-alive sockets.
 * Each latency counts from the request's scheduled time, so time spent waiting for a free
 * socket, or behind a load generator that fell back, is in it (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it lowers the connections to the rate when the rate is
 * smaller (43 a second → 43 sockets), gives each socket a quota per second on timers started
 * together, so every second opens with all of them sending at once, and corrects its histogram
 * for coordinated omission with an expected interval of ⌈1 / rate⌉ = 1 ms (it means seconds):
 * a 300 ms answer is recorded ~300 times, which lifts p99 towards the slowest answers.
 */
export async function pacedLoad(opts: {
  origin: string;
  count: number;
  seconds: number;
  connections: number;
  seed?: number;
  request(i: number): { method: string; path: string; headers: Record<string, string>; body?: string };
  onResponse?(status: number, body: string, i: number): void;
}): Promise<{
  latencies: number[];
  p50: number;
  p99: number;
  /** How late the generator itself sent (p99, ms): if large, the bench process was starved. */
  sendLagP99: number;
  fivexx: number;
  errors: number;
  wallS: number;
}> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const { hostname, port } = new URL(opts.origin);
  // mulberry32: the same arrivals in every run.
  let s = opts.seed ?? 12345;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const meanGapMs = (opts.seconds * 1000) / opts.count;
  const latencies: number[] = [];
  const lags: number[] = [];
  let fivexx = 0;
  let errors = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let at = 0;
  for (let i = 0; i < opts.count; i++) {
    at += -Math.log(1 - random()) * meanGapMs;
    const scheduled = start + at;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = opts.request(i);
    lags.push(performance.now() - scheduled);
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.request(
          { hostname, port, method: r.method, path: r.path, headers: r.headers, agent, timeout: 30_000 },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              latencies.push(performance.now() - scheduled);
              const status = res.statusCode ?? 0;
              if (status >= 500) fivexx++;
              opts.onResponse?.(status, Buffer.concat(chunks).toString('utf8'), i);
              resolve();
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(r.body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
  lags.sort((a, b) => a - b);
  return {
    latencies: sorted,
    p50: q(0.5),
    p99: q(0.99),
    sendLagP99: Math.round(lags[Math.floor(lags.length * 0.99)] ?? 0),
    fivexx,
    errors,
    wallS: (performance.now() - start) / 1000,
  };
}
