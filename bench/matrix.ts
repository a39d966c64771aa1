/**
 * Content-matrix bench: `npx tsx bench/matrix.ts` (env DATABASE_URL / REDIS_URL to run it on
 * MySQL/MariaDB and Redis; SQLite in a temp file and in-process cache otherwise).
 * 1. sync 50 members × 500 articles through the simulator; 2. a second sync writes nothing;
 * 3. the feed at 64 connections over 100,000 articles: p99 and the ratio to a bare Koa endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { articleSearchColumns } from '../server/src/modules/matrix/search-columns';
import { isSqlite } from '../server/src/platform/db';
import { resetDatabase } from '../test/support/db';

const MEMBERS = 50;
const PER_MEMBER = 500;
const FEED_ROWS = 100_000;
const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'Bench-admin-password-1';

// autocannon ships no types; the little we use:
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type CannonOptions = {
  url: string;
  connections: number;
  duration: number;
  requests?: Array<{ setupRequest(req: { path: string }): { path: string } }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  o: CannonOptions,
  cb: (err: Error | null, r: CannonResult) => void,
) => void;

async function json(url: string, init: RequestInit & { body?: string } = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body as Record<string, any>;
}

function cannon(url: string, vary?: () => string) {
  const requests = vary ? [{ setupRequest: (req: { path: string }) => ({ ...req, path: vary() }) }] : undefined;
  return new Promise<CannonResult>((resolve, reject) =>
    autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests }, (err, r) =>
      err ? reject(err) : resolve(r),
    ),
  );
}

async function bareKoa(): Promise<{ url: string; close(): void }> {
  const koa = new Koa();
  koa.use((ctx) => {
    ctx.body = { items: [], total: 0 };
  });
  const server = http.createServer(koa.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function main() {
  const dbUrl =
    process.env.DATABASE_URL || `sqlite:${path.join(os.tmpdir(), `minzheng-bench-matrix-${process.pid}.sqlite`)}`;
  await resetDatabase(dbUrl);
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.REDIS_URL,
      REDIS_PREFIX: `mz:bench:${process.pid}:`,
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      WECHAT_SIMULATOR: 'true',
      SERVE_H5: 'false',
    }),
  );
  const url = await app.listen(0, '127.0.0.1');
  const matrix = app.modules.matrix;
  try {
    const { token } = await json(`${url}/api/staff/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const auth = { authorization: `Bearer ${token}` };
    for (let i = 0; i < MEMBERS; i++) {
      const appid = `wxbench${String(i).padStart(8, '0')}`;
      const secret = `bench-secret-${String(i).padStart(12, '0')}`;
      await json(`${url}/__wechat__/dev/apps`, { method: 'POST', body: JSON.stringify({ appid, secret, type: 'mp' }) });
      await json(`${url}/__wechat__/dev/freepublish/articles`, {
        method: 'POST',
        body: JSON.stringify({ appid, count: PER_MEMBER }),
      });
      await json(`${url}/api/matrix/admin/members`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: `社会组织动态${i}`,
          appid,
          secret,
          level: 'municipal',
          divisionCode: i % 2 ? '440300' : '320100',
          category: i % 3 ? '社会组织' : '登记管理机关',
        }),
      });
    }

    const countRows = async () => {
      const [rows] = (await app.platform.db.query(
        'SELECT COUNT(*) AS n, MAX(updated_at) AS changed FROM matrix_articles',
      )) as [Array<{ n: number; changed: unknown }>, unknown];
      return { n: Number(rows[0].n), changed: String(rows[0].changed) };
    };
    let t = Date.now();
    const first = await matrix.sync.syncAllNow();
    const firstMs = Date.now() - t;
    const afterFirst = await countRows();
    console.log(
      `sync 1: ${MEMBERS} members × ${PER_MEMBER} articles → ${afterFirst.n} rows in ${(firstMs / 1000).toFixed(2)} s ` +
        `(${first.reduce((a, r) => a + r.pages, 0)} batchget pages)`,
    );
    t = Date.now();
    const second = await matrix.sync.syncAllNow();
    const secondMs = Date.now() - t;
    const afterSecond = await countRows();
    const writes = second.reduce((a, r) => a + r.added + r.updated + r.deleted, 0);
    console.log(
      `sync 2: ${writes} rows written, table unchanged: ${JSON.stringify(afterSecond) === JSON.stringify(afterFirst)}, ` +
        `${second.reduce((a, r) => a + r.pages, 0)} batchget pages, ${(secondMs / 1000).toFixed(2)} s`,
    );

    // Grow the table to FEED_ROWS with more of the same members' articles.
    const Article = app.platform.db.model('MatrixArticle');
    const sqlite = isSqlite(app.platform.db);
    const memberIds = (
      (await app.platform.db.query('SELECT id FROM matrix_members', { type: 'SELECT' })) as Array<{ id: number }>
    ).map((r) => r.id);
    const now = Date.now();
    for (let done = afterFirst.n; done < FEED_ROWS; ) {
      const batch = [];
      for (let j = 0; j < 2000 && done < FEED_ROWS; j++, done++) {
        const title = `社会组织工作动态 ${done}`;
        const digest = `第 ${done} 篇`;
        batch.push({
          member_id: memberIds[done % memberIds.length],
          article_id: `bench-${done}`,
          idx: 1,
          title,
          author: '',
          digest,
          ...articleSearchColumns(sqlite, title, digest),
          cover_url: 'https://mmbiz.qpic.cn/bench/0',
          url: `https://mp.weixin.qq.com/s/bench${done}`,
          published_at: new Date(now - done * 60_000),
          wx_update_time: Math.floor((now - done * 60_000) / 1000),
          pinned: done % 20_000 === 0,
          hidden: false,
          tags: [],
        });
      }
      await Article.bulkCreate(batch);
    }
    console.log(`feed table: ${(await countRows()).n} articles; ${CONNECTIONS} connections, ${DURATION_S} s each`);

    const bare = await bareKoa();
    const base = await cannon(bare.url);
    bare.close();
    const line = (name: string, r: CannonResult) =>
      console.log(
        `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
          `errors ${r.errors + r.non2xx}  ratio to bare Koa ${(r.requests.average / base.requests.average).toFixed(3)}`,
      );
    line('bare Koa', base);
    for (const [name, q] of [
      ['feed page 1', ''],
      ['feed page 50', '?page=50'],
      ['feed ?division=440300', '?division=440300'],
      ['feed ?q=12345 (search)', `?q=${encodeURIComponent('12345')}`],
    ] as const)
      line(name, await cannon(`${url}/api/matrix/articles${q}`));
    // Worst case: every request a different query, so none is answered from the cache.
    let n = 0;
    line(
      'feed, distinct page each (uncached)',
      await cannon(`${url}/api/matrix/articles`, () => `/api/matrix/articles?page=${1 + (n++ % 5000)}`),
    );
    line(
      'search, distinct word each (uncached)',
      await cannon(`${url}/api/matrix/articles`, () => `/api/matrix/articles?q=${90000 + (n++ % 9999)}`),
    );
    await new Promise((r) => setTimeout(r, 500)); // let the last answers leave before closing
  } finally {
    await app.close();
  }
}

// Sockets autocannon left open must not keep the bench alive once it has printed.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
