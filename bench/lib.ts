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
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
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
    requests?: autocannon.Request[];
    /** Whose CPU to count: this process by default. */
    cpu?: () => number;
    /**
     * Run the load generator in a child process (plain GETs with fixed headers only), so this
     * process' CPU is the server's alone: CPU per request then measures the code under test.
     */
    loadFromChild?: boolean;
    /** SQL statements sent so far (statementCounter), to print them per request. */
    statements?: () => number;
  },
): Promise<Measure> {
  const cpu = opts.cpu ?? cpuClock();
  const cpuBefore = cpu();
  const statementsBefore = opts.statements?.() ?? 0;
  const settings = {
    url: opts.url,
    connections: opts.connections ?? 64,
    duration: opts.duration ?? Number(process.env.BENCH_SECONDS ?? 10),
    headers: opts.headers,
    requests: opts.requests,
  };
  const result = opts.loadFromChild ? await autocannonInChild(settings) : await autocannon(settings);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUs: (cpu() - cpuBefore) / Math.max(1, result.requests.total),
    total: result.requests.total,
    statements: opts.statements
      ? (opts.statements() - statementsBefore) / Math.max(1, result.requests.total)
      : undefined,
  };
}

/** autocannon in a child process (its JSON result), for a GET with fixed headers. */
function autocannonInChild(o: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}): Promise<autocannon.Result> {
  const bin = path.join(__dirname, '..', 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '-j', '-c', String(o.connections), '-d', String(o.duration)];
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(o.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as autocannon.Result);
      } catch {
        reject(new Error(`autocannon exited with ${code}: ${out.slice(0, 200)}`));
      }
    });
  });
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
    'non-2xx': m.non2xx,
    errors: m.errors,
  }));
  console.table(rows);
  console.log(`load average ${loadAverage()}`);
}

/**
 * A database of a bench's own, emptied: a fresh SQLite file, or `<db>_bench_<name>` beside the
 * MariaDB database DATABASE_URL names (so a bench never fills the database people work in).
 */
export async function ownBenchDatabase(name: string): Promise<string> {
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
  await resetDatabase(u.toString());
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
 * (`Handler_icp_attempts − Handler_icp_match`: read, but in no Handler_read_* counter). On a shared,
 * loaded machine these follow the query plans, not the neighbours.
 */
export async function sqlCost(
  db: import('sequelize').Sequelize,
  databaseUrl: string,
  run: () => Promise<unknown>,
): Promise<{ statements: number; rowsRead: number | null; indexEntriesSkipped: number | null }> {
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
    for (const statement of sqls.filter((s) => /^\s*(SELECT|\(SELECT)/i.test(s.sql))) {
      const skippedBefore = await icpSkipped();
      const before = await handlerReads();
      await conn.query(statement as { sql: string });
      rowsRead += (await handlerReads()) - before - overhead;
      indexEntriesSkipped += (await icpSkipped()) - skippedBefore;
    }
    return { statements: sqls.length, rowsRead, indexEntriesSkipped };
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
