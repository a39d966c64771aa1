/**
 * `npm run bench -- stats`: the console's 统计分析 over a year of a province's halls.
 * 1,000,000 bookings and 1,000,000 queue tickets in 100 halls of 10 counties, 100,000
 * complaints, 3,650,000 WeChat sends (notices: the platform's) and 200,000 follows, held as the roll-up rows the `stats.compact` job leaves (per day, hall and metric;
 * the queue's waits per hour), which is all the dashboards ever read. Measures each dashboard
 * endpoint at 16 connections for a county's hall staff (the last 30 days, the default) and for a
 * nationwide account over the whole year, against a bare Koa endpoint in the same run (goal:
 * p99 ≤ 100 ms on MariaDB + Redis); then the fold of one busy day's raw rows (one row per
 * event, as `record.ts` writes them); and the console's first load (JavaScript + CSS, gzip;
 * goal ≤ 600 KB) from `console/dist`.
 * Runs on a database of its own: a fresh SQLite file, or `<db>_bench_stats` beside the MariaDB
 * database DATABASE_URL names (emptied first).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { up as countBookingMonths } from '../server/src/modules/stats/migrations/202612310200-stats-booking-months';
import { up as countQueueMonths } from '../server/src/modules/stats/migrations/202612210100-stats-queue-months';
import { dayFrom, loadAverage, measure, ownBenchDatabase, report, startBareKoa, statementCounter } from './lib';

const COUNTIES = ['110101', '110102', '110105', '110106', '110108', '310101', '310115', '440103', '440305', '510107'];
const HALLS_PER_COUNTY = 10;
const DAYS = 365;
const BOOKINGS = 1_000_000;
const TICKETS = 1_000_000;
const COMPLAINTS = 100_000;
/** WeChat sends a year (the platform's: counted at division '', read by unscoped staff only). */
const NOTICE_SENDS = 3_650_000;
/** Follows of the public account a year, by the hall whose QR code brought them. */
const FOLLOWS = 200_000;
const OPEN_HOURS = [9, 10, 11, 12, 13, 14, 15, 16];
const PASSWORD = 'Bench-stats-2026';

/** `total` split over `parts` whole numbers that differ by at most one. */
const share = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);

/** JavaScript and CSS the console's index.html loads first, gzip. */
function consoleFirstLoad(): { files: number; gzipKb: number } | null {
  const dist = path.join(__dirname, '..', 'console', 'dist');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return null;
  const html = fs.readFileSync(index, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/console\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const bytes = refs.reduce((sum, ref) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, ref))).length, 0);
  return { files: refs.length, gzipKb: Math.round(bytes / 1024) };
}

async function main() {
  const databaseUrl = await ownBenchDatabase('stats');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: 'bench_stats:',
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
  for (const [username, prefix] of [
    ['bench.county', COUNTIES[2]],
    ['bench.nation', ''],
  ])
    await app.modules.staff.accounts.create(system, {
      username,
      displayName: username,
      roles: ['hall_staff'],
      scope: { divisions: [prefix], halls: [] },
      password: PASSWORD,
    });

  const qi = app.platform.db.getQueryInterface();
  const halls = COUNTIES.flatMap((county, c) =>
    Array.from({ length: HALLS_PER_COUNTY }, (_, h) => ({ id: c * HALLS_PER_COUNTY + h + 1, division: county })),
  );
  const seeded = Date.now();
  let daily: object[] = [];
  let hourly: object[] = [];
  let rowCount = 0;
  const flush = async (force = false) => {
    if (daily.length >= 5000 || (force && daily.length)) {
      await qi.bulkInsert('stats_daily', daily);
      rowCount += daily.length;
      daily = [];
    }
    if (hourly.length >= 5000 || (force && hourly.length)) {
      await qi.bulkInsert('stats_hourly', hourly);
      rowCount += hourly.length;
      hourly = [];
    }
  };
  const cells = halls.length * DAYS;
  for (let d = 0; d < DAYS; d++) {
    const day = dayFrom(today, -d);
    for (const [h, hall] of halls.entries()) {
      const cell = d * halls.length + h;
      const made = share(BOOKINGS, cells, cell);
      const base = { day, hall_id: hall.id, division_code: `${hall.division}001` };
      daily.push({ ...base, metric: 'bookings.made', value: made });
      daily.push({ ...base, metric: 'bookings.cancelled', value: Math.floor(made / 10) });
      daily.push({ ...base, metric: 'bookings.no_show', value: Math.floor(made / 20) });
      const follows = share(FOLLOWS, cells, cell);
      daily.push({ ...base, metric: 'followers.followed', value: follows });
      daily.push({ ...base, metric: 'followers.unfollowed', value: Math.floor(follows / 4) });
      const tickets = share(TICKETS, cells, cell);
      for (const [i, hour] of OPEN_HOURS.entries()) {
        const n = share(tickets, OPEN_HOURS.length, i);
        if (!n) continue;
        const quick = Math.ceil(n / 2);
        hourly.push({ ...base, hour, metric: 'queue.called', value: n });
        hourly.push({ ...base, hour, metric: `queue.wait.${i % 3}`, value: quick });
        if (n - quick) hourly.push({ ...base, hour, metric: `queue.wait.${3 + (i % 4)}`, value: n - quick });
      }
      await flush();
    }
    const sends = share(NOTICE_SENDS, DAYS, d);
    const platform = { day, hall_id: 0, division_code: '' };
    for (const [metric, value] of [
      ['notices.mp_template.sent', Math.floor(sends * 0.6)],
      ['notices.mp_template.delivered', Math.floor(sends * 0.57)],
      ['notices.mp_template.failed', Math.floor(sends * 0.03)],
      ['notices.mini_subscribe.sent', Math.floor(sends * 0.38)],
      ['notices.mini_subscribe.failed', Math.floor(sends * 0.02)],
    ] as const)
      daily.push({ ...platform, metric, value });
    for (const [c, county] of COUNTIES.entries()) {
      const submitted = share(COMPLAINTS, DAYS * COUNTIES.length, d * COUNTIES.length + c);
      const base = { day, hall_id: 0, division_code: county };
      for (const [metric, value] of [
        ['complaints.submitted', submitted],
        ['complaints.accepted', Math.floor(submitted * 0.9)],
        ['complaints.answered', Math.floor(submitted * 0.8)],
        ['complaints.rejected', Math.floor(submitted * 0.1)],
        ['complaints.close_hours', submitted * 30],
      ] as const)
        daily.push({ ...base, metric, value });
    }
  }
  await flush(true);
  // The waits' and the bookings' monthly rows, as the events write them beside the daily ones
  // (the migrations that count the months already on record do exactly this).
  await countQueueMonths({ context: qi } as never);
  await countBookingMonths({ context: qi } as never);
  console.log(`seeded ${rowCount} roll-up rows (a year of 100 halls) in ${Date.now() - seeded} ms`);

  // One busy day not folded yet: 10,000 bookings made today, as record.ts writes them (a row
  // each for the day and one for its month).
  const raw = Array.from({ length: 20_000 }, (_, i) => ({
    day: i % 2 ? `${today.slice(0, 7)}-01` : today,
    hall_id: halls[(i >> 1) % halls.length].id,
    division_code: `${halls[(i >> 1) % halls.length].division}001`,
    metric: i % 2 ? 'month.bookings.made' : 'bookings.made',
    value: 1,
  }));
  for (let i = 0; i < raw.length; i += 5000) await qi.bulkInsert('stats_daily', raw.slice(i, i + 5000));
  const folding = Date.now();
  await app.modules.stats.compact.run();
  const foldMs = Date.now() - folding;

  const tokenOf = async (username: string) =>
    (await request(url).post('/api/staff/login').send({ username, password: PASSWORD })).body.token as string;
  const county = await tokenOf('bench.county');
  const nation = await tokenOf('bench.nation');
  const year = `from=${dayFrom(today, -(DAYS - 1))}&to=${today}`;
  const check = await request(`${url}/api/staff/stats/bookings?${year}`)
    .get('')
    .set('Authorization', `Bearer ${nation}`);
  if (check.status !== 200) throw new Error(`stats answered ${check.status}: ${check.text}`);
  console.log(
    `db=${config.database.dialect} cache=${app.platform.cache.kind} connections=16; a year nationwide: ` +
      `${check.body.totals.made} bookings made`,
  );

  const bare = await startBareKoa();
  const baseline = await measure('bare Koa GET /', { url: bare.url, connections: 16 });
  const statements = statementCounter(app.platform.db);
  const targets = [];
  for (const name of ['bookings', 'queue', 'complaints', 'notices', 'followers'])
    for (const [who, token, query] of [
      ['county, 30 days', county, ''],
      ['nationwide, a year', nation, `?${year}`],
    ] as const)
      targets.push(
        await measure(`${name} — ${who}`, {
          url: `${url}/api/staff/stats/${name}${query}`,
          connections: 16,
          headers: { authorization: `Bearer ${token}` },
          statements,
        }),
      );
  report(baseline, targets);
  console.log(`stats.compact folded one busy day (20,000 raw rows: 10,000 bookings) in ${foldMs} ms`);
  const firstLoad = consoleFirstLoad();
  console.log(
    firstLoad
      ? `console first load: ${firstLoad.files} files, ${firstLoad.gzipKb} KB gzip (goal ≤ 600 KB)`
      : 'console first load: console/dist missing (npm run build -w console)',
  );
  console.log(`goal: each dashboard p99 ≤ 100 ms (MariaDB + Redis). load average ${loadAverage()}`);
  await new Promise((r) => setTimeout(r, 500));
  await bare.close();
  await app.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
