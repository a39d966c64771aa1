/**
 * `npm run bench -- cases`: the case engine at the size of a province's social assistance.
 * 100,000 open cases across 3,000 乡镇 (4 counties × 750), 乡镇 and county stages, due dates
 * spread over two months around today. Measures:
 * - a 乡镇 clerk's inbox (scope + stage holder + due date, first page of 20), 32 connections,
 *   against a bare Koa endpoint in the same run (goal: p99 ≤ 50 ms on MariaDB + Redis);
 * - the county's inbox (750 乡镇, ~8,000 cases: the widest scope a clerk has), same load;
 * - the daily clock job over all of them (goal: ≤ 30 s), run twice: the first run flags every
 *   case and rolls up, the second finds little to change (what every later run of the day does).
 * Runs on a database of its own: a fresh SQLite file, or `<db>_bench_cases` beside the
 * MariaDB database DATABASE_URL names (emptied first). BENCH_CASES changes the count;
 * BENCH_CPU_PROF=<dir> writes a CPU profile of the 乡镇 inbox run.
 */
import request from 'supertest';
import { loadConfig } from '../config';
import { ASSISTANCE_CASE_TYPES } from '../contracts/src/assistance';
import { createApp } from '../server/src/app';
import {
  dayFrom,
  loadAverage,
  measure,
  ownBenchDatabase,
  report,
  sqlCost,
  startBareKoa,
  startCpuProfile,
  statementCounter,
} from './lib';

const TOTAL = Number(process.env.BENCH_CASES ?? 100_000);
const COUNTIES = ['110105', '110108', '310115', '440305'];
const TOWNS_PER_COUNTY = 750;
const PASSWORD = 'Bench-cases-2026';

async function main() {
  const databaseUrl = await ownBenchDatabase('cases');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: 'bench_cases:',
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
    RATE_STAFF_LOGIN_PER_IP: '1000',
  });
  const app = await createApp(config);
  const url = await app.listen(0, '127.0.0.1');
  const today = app.platform.clock.today();
  const system = { id: 0, username: 'bench', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };

  // A 乡镇 clerk of the first 乡镇 and a county officer of the first county.
  const town = `${COUNTIES[0]}001`;
  for (const [username, prefix] of [
    ['bench.town', town],
    ['bench.county', COUNTIES[0]],
  ])
    await app.modules.staff.accounts.create(system, {
      username,
      displayName: username,
      roles: ['assistance_officer'],
      scope: { divisions: [prefix], halls: [] },
      password: PASSWORD,
    });

  const seeded = Date.now();
  const types = Object.values(ASSISTANCE_CASE_TYPES).slice(0, 3); // 低保, 特困, 临时救助
  const qi = app.platform.db.getQueryInterface();
  const now = new Date();
  const BATCH = 2000;
  for (let from = 0; from < TOTAL; from += BATCH) {
    const rows = [];
    for (let i = from; i < Math.min(TOTAL, from + BATCH); i++) {
      const county = COUNTIES[i % COUNTIES.length];
      const townNo = Math.floor(i / COUNTIES.length) % TOWNS_PER_COUNTY;
      const division = `${county}${String(townNo + 1).padStart(3, '0')}${String((i % 9) + 1).padStart(3, '0')}`;
      // Four in five wait at a 乡镇 stage (受理 or 审核), one in five at the county (审批).
      const atCounty = i % 5 === 4;
      const stage = atCounty ? 'approve' : i % 2 ? 'review' : 'accept';
      const entered = dayFrom(today, -(i % 30));
      rows.push({
        type: types[i % types.length],
        number: `BENCH${String(i).padStart(10, '0')}`,
        applicant_user_id: 1 + (i % 50_000),
        division_code: division,
        title: '困难家庭申请社会救助',
        stage,
        status: 'open',
        holder_kind: 'staff',
        holder_role: 'assistance_officer',
        holder_level: atCounty ? 'county' : 'township',
        assignee_staff_id: null,
        stage_entered_at: now,
        stage_entered_on: entered,
        due_on: dayFrom(entered, 7 + (i % 14)),
        due_provisional: false,
        flag: 'none',
        flagged_on: null,
        wake_on: null,
        marks: '[]',
        amount_cents: null,
        version: 1,
        created_at: now,
        updated_at: now,
        closed_at: null,
      });
    }
    await qi.bulkInsert('cases', rows);
  }
  console.log(
    `seeded ${TOTAL} open cases across ${COUNTIES.length * TOWNS_PER_COUNTY} 乡镇 in ${Date.now() - seeded} ms`,
  );

  const clockRuns = [];
  for (let run = 0; run < 2; run++) {
    const started = Date.now();
    const result = await app.modules.cases.clock.run();
    clockRuns.push({ run: run + 1, ms: Date.now() - started, rolledUp: result.rolledUp });
  }

  const tokenOf = async (username: string) =>
    (await request(url).post('/api/staff/login').send({ username, password: PASSWORD })).body.token as string;
  const [townToken, countyToken] = [await tokenOf('bench.town'), await tokenOf('bench.county')];
  const inbox = `${url}/api/staff/cases/inbox?page=1&pageSize=20`;
  const check = await request(inbox).get('').set('Authorization', `Bearer ${townToken}`);
  if (check.status !== 200 || !check.body.total) throw new Error(`inbox answered ${check.status}: ${check.text}`);
  const countyCheck = await request(inbox).get('').set('Authorization', `Bearer ${countyToken}`);
  console.log(
    `db=${config.database.dialect} cache=${app.platform.cache.kind} connections=32; ` +
      `the 乡镇 inbox holds ${check.body.total} cases, the county's ${countyCheck.body.total}`,
  );

  // What one inbox request costs the database, judged without the clock: its statements and,
  // on MariaDB, the rows the storage engine reads for them (handler counters).
  for (const [who, token] of [
    ['乡镇', townToken],
    ['county', countyToken],
  ] as const) {
    const cost = await sqlCost(app.platform.db, databaseUrl, () =>
      fetch(inbox, { headers: { authorization: `Bearer ${token}` } }),
    );
    console.log(
      `${who} inbox, one request: ${cost.statements} SQL statements, ${cost.rowsRead ?? 'n/a (SQLite)'} rows read`,
    );
  }

  const bare = await startBareKoa();
  const baseline = await measure('bare Koa GET /', { url: bare.url, connections: 32 });
  const statements = statementCounter(app.platform.db);
  const profiling = await startCpuProfile();
  const townInbox = await measure('乡镇 inbox, first page', {
    url: inbox,
    connections: 32,
    headers: { authorization: `Bearer ${townToken}` },
    statements,
  });
  const profile = await profiling?.stop('cases-town-inbox');
  if (profile) console.log(`CPU profile of the 乡镇 inbox run: ${profile}`);
  const countyInbox = await measure('county inbox, first page', {
    url: inbox,
    connections: 32,
    headers: { authorization: `Bearer ${countyToken}` },
    statements,
  });
  report(baseline, [townInbox, countyInbox]);
  console.table(
    clockRuns.map((r) => ({ 'daily clock': `run ${r.run}`, cases: TOTAL, ms: r.ms, 'rolled up': r.rolledUp })),
  );
  console.log(
    `goals: 乡镇 inbox p99 ≤ 50 ms (MariaDB + Redis); daily clock ≤ 30,000 ms. load average ${loadAverage()}`,
  );
  await new Promise((r) => setTimeout(r, 500)); // let autocannon's last requests finish
  await bare.close();
  await app.close();
}

// Exits when done: a closed app may still hold a connection or two (they would keep it alive).
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
