/**
 * `npm run bench -- placenames`: place-name search (GET /api/place-names?q=) over 1,000,000 standard
 * names (`BENCH_NAMES`) by a Chinese prefix (1–2 characters), a pinyin prefix (2–6 letters) and
 * initials (2–3 letters), at 64 connections (`BENCH_CONNECTIONS`), against a bare Koa endpoint
 * measured in the same run (goal: p99 ≤ 50 ms). Names are three characters from a list of 120
 * common in place names and one of 16 generic endings (路, 街, 村, 桥…), spread over 30 counties.
 * Runs on a database of its own: a fresh SQLite file, or `<db>_bench_placenames` beside the
 * MariaDB database DATABASE_URL names (emptied first; `BENCH_REUSE=1` keeps it when it holds
 * BENCH_NAMES names). `BENCH_ONLY=first-time` runs the first-time searches alone; SQL/req counts
 * every statement sent (a batch of first-time reads is one). Its Redis keys are under REDIS_PREFIX.
 */
import mysql from 'mysql2/promise';
import { pinyin } from 'pinyin-pro';
import { QueryTypes } from 'sequelize';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import {
  loadAverage,
  measure,
  ownBenchDatabase,
  report,
  sqlCost,
  startBareKoa,
  startCpuProfile,
  statementCounter,
} from './lib';

const NAMES = Number(process.env.BENCH_NAMES ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** BENCH_ONLY=first-time: the first-time searches only (the CPU profile then covers them alone). */
const ONLY_FIRST_TIME = process.env.BENCH_ONLY === 'first-time';
/**
 * BENCH_REUSE=1 (MariaDB): keep the bench database when it already holds BENCH_NAMES names
 * instead of emptying and seeding it again (for runs alternated between two versions of the code).
 */
const REUSE = process.env.BENCH_REUSE === '1';
const CHARS = [
  ...'东西南北中上下大小新老高长安平和兴福寿金银石山河湖海江水泉花林松柏桃李杨柳马牛龙凤白青红黄家王张李刘陈赵周吴郑孙朱胡郭何罗梁宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤',
].slice(0, 120);
const ENDINGS = ['路', '街', '村', '桥', '巷', '镇', '山', '河', '湖', '庄', '屯', '坊', '里', '园', '湾', '岭'];
const COUNTIES = [
  '110101',
  '110105',
  '110108',
  '120101',
  '130602',
  '310101',
  '320102',
  '330102',
  '340102',
  '350102',
  '360102',
  '370102',
  '410102',
  '420102',
  '430102',
  '440103',
  '440305',
  '450102',
  '500103',
  '510104',
  '520102',
  '530102',
  '610102',
  '620102',
  '640104',
  '650102',
  '210102',
  '220102',
  '230102',
  '460105',
];

async function main() {
  const databaseUrl = await ownBenchDatabase('placenames', { keep: REUSE });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? ''}bench_pn:`,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
  });
  const app = await createApp(config);
  const url = await app.listen(0, '127.0.0.1');
  const syllable = new Map([...CHARS, ...ENDINGS].map((c) => [c, pinyin(c, { toneType: 'none', v: true })]));
  const qi = app.platform.db.getQueryInterface();
  const statements = statementCounter(app.platform.db);
  const [{ n: present }] = (await app.platform.db.query('SELECT COUNT(*) AS n FROM place_names', {
    type: QueryTypes.SELECT,
  })) as { n: number }[];
  if (Number(present) !== NAMES) await app.platform.db.query('DELETE FROM place_names');
  const seeded = Date.now();
  const now = new Date();
  let x = 7;
  const rand = (n: number) => {
    // 32-bit LCG (Math.imul: a float product would lose the low bits), high bits used.
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 16) % n;
  };
  // A kept database: the generator still steps past the names (five draws each), so the queries drawn after are the same.
  if (Number(present) === NAMES) for (let i = 0; i < NAMES * 5; i++) rand(1);
  for (let i = Number(present) === NAMES ? NAMES : 0; i < NAMES; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, NAMES - i) }, () => {
      const chars = [CHARS[rand(120)], CHARS[rand(120)], CHARS[rand(120)], ENDINGS[rand(16)]];
      const sy = chars.map((c) => syllable.get(c)!);
      const word = sy.map((s, k) => (k > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
      return {
        name: chars.join(''),
        pinyin: word[0].toUpperCase() + word.slice(1),
        pinyin_key: sy.join(''),
        initials: sy.map((s) => s[0]).join(''),
        category: 'settlement',
        division_code: COUNTIES[rand(COUNTIES.length)],
        location: '合成位置',
        lng: null,
        lat: null,
        meaning: '',
        history: '',
        approval_body: '合成批准机关',
        approval_date: '2020-01-01',
        status: 'current',
        former_name: null,
        created_at: now,
        updated_at: now,
      };
    });
    await qi.bulkInsert('place_names', rows);
  }
  console.log(
    Number(present) === NAMES ? `reused ${NAMES} names` : `seeded ${NAMES} names in ${Date.now() - seeded} ms`,
  );
  // The names held in the server process (PLACE_NAME_INDEX, the default) load in the background
  // at the first search; a long-running server has them, so the bench waits for them.
  const before = process.memoryUsage();
  const loadStarted = Date.now();
  await app.modules.placeNames.search.heldNamesLoaded();
  const after = process.memoryUsage();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log(
    app.platform.config.placeNameIndex
      ? `held names loaded in ${Date.now() - loadStarted} ms: heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, array buffers ${mb(before.arrayBuffers)} → ${mb(after.arrayBuffers)}`
      : 'PLACE_NAME_INDEX=false: the database answers every first-time search',
  );
  const queries = [
    ...CHARS.slice(0, 40).map((c) => encodeURIComponent(c)),
    ...CHARS.slice(0, 40).map((c, k) => encodeURIComponent(c + CHARS[(k * 7) % 120])),
    ...CHARS.slice(0, 40).map((c) => syllable.get(c)!.slice(0, 2)),
    ...CHARS.slice(0, 40).map((c, k) => (syllable.get(c)! + syllable.get(CHARS[(k * 7) % 120])!).slice(0, 6)),
    ...CHARS.slice(0, 40).map((c, k) => syllable.get(c)![0] + syllable.get(CHARS[(k * 7) % 120])![0]),
  ];
  for (const q of [queries[0], queries[40], queries[80], queries[120], queries[160]]) {
    const t = Date.now();
    const r = await fetch(`${url}/api/place-names?q=${q}`);
    const bytes = Buffer.from(await r.arrayBuffer());
    const body = JSON.parse(bytes.toString()) as { items: unknown[] };
    console.log(
      `q=${decodeURIComponent(q)}: ${r.status}, ${body.items.length} names, ${bytes.length} bytes, ${Date.now() - t} ms cold`,
    );
  }
  // Rows the database reads per request (MariaDB's handler counters), a prefix of each kind not asked
  // above (an answer kept from the cold requests reads nothing).
  for (const q of [queries[1], queries[81], queries[82], queries[121], queries[161], `${queries[80]}&page=5`]) {
    const cost = await sqlCost(app.platform.db, databaseUrl, () => fetch(`${url}/api/place-names?q=${q}`));
    console.log(
      `q=${decodeURIComponent(q)}: ${cost.statements} statement(s), ${cost.rowsRead ?? 'n/a (SQLite)'} rows read` +
        (cost.pagesAccessed === undefined
          ? ''
          : `, ${cost.pagesAccessed} InnoDB pages touched (${cost.indexes?.join(' ') ?? ''}; + covering)`),
    );
  }
  console.log(`db=${config.database.dialect} cache=${app.platform.cache.kind} connections=${CONNECTIONS}`);
  const bare = await startBareKoa();
  const baseline = await measure('bare Koa GET /', { url: bare.url, connections: CONNECTIONS });
  const targets = [];
  const profile = await startCpuProfile();
  for (const [name, from] of ONLY_FIRST_TIME
    ? []
    : ([
        ['Chinese prefix (1–2 characters)', 0],
        ['pinyin prefix (2–6 letters)', 80],
        ['initials (2 letters)', 160],
      ] as const)) {
    let turn = 0;
    const pool = queries.slice(from, from + (from === 160 ? 40 : 80));
    targets.push(
      await measure(name, {
        url,
        connections: CONNECTIONS,
        path: () => `/api/place-names?q=${pool[turn++ % pool.length]}`,
        statements,
      }),
    );
  }
  // Searches nobody asked before: every two-character Chinese prefix and two-syllable pinyin
  // prefix of the name alphabet (28,800, shuffled), each answered from the database the first
  // time — what a kept answer does not help with. A run that asks more than that many repeats them.
  const fresh = CHARS.flatMap((a) =>
    CHARS.flatMap((b) => [encodeURIComponent(a + b), syllable.get(a)! + syllable.get(b)!]),
  );
  for (let i = fresh.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [fresh[i], fresh[j]] = [fresh[j], fresh[i]];
  }
  let next = 0;
  // InnoDB's page reads during the first-time run (MariaDB's global counters: other databases' work
  // on this server counts too, so only a quiet server's figure is this bench's alone).
  const innodb = databaseUrl.startsWith('mysql:') ? await mysql.createConnection(databaseUrl) : null;
  const pageCounters = async () => {
    const [rows] = await innodb!.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads', 'Innodb_data_read', 'Rows_read')",
    );
    return Object.fromEntries(
      (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]),
    );
  };
  const pagesBefore = innodb ? await pageCounters() : null;
  const firstTime = await measure('first-time searches (each query new)', {
    url,
    connections: CONNECTIONS,
    duration: 5,
    path: () => `/api/place-names?q=${fresh[next++ % fresh.length]}`,
    statements,
  });
  targets.push(firstTime);
  if (innodb && pagesBefore) {
    const after = await pageCounters();
    const per = (k: string) => ((after[k] - pagesBefore[k]) / firstTime.total).toFixed(1);
    console.log(
      `first-time searches, InnoDB a search (global counters): ${per('Innodb_buffer_pool_read_requests')} page reads, ${per('Innodb_buffer_pool_reads')} from outside the buffer pool (${(Number(per('Innodb_data_read')) / 1024).toFixed(1)} KB), ${per('Rows_read')} rows`,
    );
    await innodb.end();
  }
  if (profile) console.log(`CPU profile of the searches: ${await profile.stop('placenames')}`);
  report(baseline, targets);
  console.log(
    `first-time searches: ${firstTime.total} asked of ${fresh.length} distinct queries (${firstTime.total > fresh.length ? 'some asked again' : 'each once'})`,
  );
  console.log(`goal: p99 ≤ 50 ms at 64 connections. load average ${loadAverage()}`);
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
