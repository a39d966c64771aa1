/**
 * `npm run bench -- family-search`: a family's ranked search (GET /api/family-search/searches/:id/matches)
 * over 200,000 notices of persons in care, at 32 connections, against a bare Koa endpoint measured
 * in the same run (goal: p99 ≤ 100 ms). Notices are spread over 3 years, ages 5–90, both sexes,
 * 12 accents and 30 counties with points; five families (different ages, accents, places, with
 * and without a point) take turns. Also the public list filtered by sex, age and region.
 * Runs on a database of its own: a fresh SQLite file, or `<db>_bench_family_search` beside the
 * MariaDB database DATABASE_URL names (emptied first).
 *   env: BENCH_NOTICES (200000), BENCH_SECONDS (10), BENCH_CONNECTIONS (32)
 */
import request from 'supertest';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { dayFrom, loadAverage, measure, ownBenchDatabase, report, sqlCost, startBareKoa } from './lib';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 200_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ACCENTS = [
  '河南口音',
  '四川口音',
  '东北口音',
  '广东话',
  '湖南口音',
  '山东口音',
  '河北口音',
  '安徽口音',
  '江西口音',
  '贵州口音',
  '陕西口音',
  '甘肃口音',
];
const COUNTIES: [string, number, number][] = [
  ['110105', 39.92, 116.44],
  ['110108', 39.96, 116.3],
  ['120101', 39.12, 117.2],
  ['130602', 38.87, 115.46],
  ['140105', 37.82, 112.55],
  ['210102', 41.8, 123.43],
  ['220102', 43.88, 125.32],
  ['230102', 45.76, 126.63],
  ['310101', 31.23, 121.48],
  ['320102', 32.06, 118.8],
  ['330102', 30.25, 120.17],
  ['340102', 31.86, 117.28],
  ['350102', 26.08, 119.3],
  ['360102', 28.68, 115.9],
  ['370102', 36.67, 117.02],
  ['410102', 34.75, 113.62],
  ['420102', 30.59, 114.3],
  ['430102', 28.2, 112.97],
  ['440103', 23.12, 113.26],
  ['440305', 22.53, 113.93],
  ['450102', 22.82, 108.32],
  ['460105', 20.03, 110.33],
  ['500103', 29.56, 106.55],
  ['510104', 30.66, 104.07],
  ['520102', 26.58, 106.71],
  ['530102', 25.04, 102.71],
  ['610102', 34.26, 108.94],
  ['620102', 36.06, 103.83],
  ['640104', 38.49, 106.23],
  ['650102', 43.83, 87.62],
];
const FEATURES = ['左手缺小指', '右眉有痣', '右耳后有疤', '门牙缺损', '跛行', '左臂有纹身', '戴眼镜', '秃顶'];

async function main() {
  const databaseUrl = await ownBenchDatabase('family_search');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: 'bench_fs:',
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
  });
  const app = await createApp(config);
  const url = await app.listen(0, '127.0.0.1');
  const today = app.platform.clock.today();
  const qi = app.platform.db.getQueryInterface();
  const seeded = Date.now();
  let x = 12345;
  const rand = (n: number) => {
    // 32-bit LCG (Math.imul: a float product would lose the low bits), high bits used.
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 16) % n;
  };
  const now = new Date();
  for (let i = 0; i < NOTICES; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, NOTICES - i) }, () => {
      const age = 5 + rand(86);
      const [code, lat, lng] = COUNTIES[rand(COUNTIES.length)];
      return {
        station_division_code: code,
        station_name: '合成救助站',
        station_contact: '010-00000000',
        sex: rand(3) === 0 ? 'female' : 'male',
        age_min: age,
        age_max: age + 3 + rand(6),
        height_cm: 140 + rand(50),
        build: null,
        accent: ACCENTS[rand(ACCENTS.length)],
        ethnicity: rand(10) ? '汉族' : '回族',
        features: `${FEATURES[rand(FEATURES.length)]}，${FEATURES[rand(FEATURES.length)]}`,
        clothing: null,
        health: null,
        mental_state: null,
        found_date: dayFrom(today, -rand(3 * 365)),
        found_division_code: code,
        found_place: '合成地点',
        found_lat: lat + (rand(100) - 50) / 100,
        found_lng: lng + (rand(100) - 50) / 100,
        has_photo: false,
        status: ['open', 'open', 'open', 'lead', 'verified', 'reunited', 'placed'][rand(7)],
        created_by: 0,
        created_at: now,
        updated_at: now,
      };
    });
    await qi.bulkInsert('family_search_notices', rows);
  }
  console.log(`seeded ${NOTICES} notices in ${Date.now() - seeded} ms`);

  const { body: minted } = await request(url).post('/__wechat__/dev/login-code').send({ openid: 'o_bench_family' });
  const { body: login } = await request(url).post('/api/auth/login').send({ code: minted.code });
  const auth = { authorization: `Bearer ${login.token}` };
  const families = [
    {
      sex: 'male',
      ageMin: 70,
      ageMax: 75,
      accent: '河南',
      heightCm: 168,
      ethnicity: '汉族',
      features: '左手缺小指',
      lastSeenDate: dayFrom(today, -400),
      lastSeenDivisionCode: '130602',
      lastSeenPlace: '保定市竞秀区',
      lastSeenLat: 38.87,
      lastSeenLng: 115.46,
    },
    {
      sex: 'female',
      ageMin: 30,
      ageMax: 35,
      accent: '四川话',
      lastSeenDate: dayFrom(today, -200),
      lastSeenDivisionCode: '510104',
      lastSeenPlace: '成都市锦江区',
    },
    {
      sex: 'male',
      ageMin: 12,
      ageMax: 14,
      accent: '东北',
      heightCm: 150,
      lastSeenDate: dayFrom(today, -900),
      lastSeenDivisionCode: '230102',
      lastSeenPlace: '哈尔滨市道里区',
      lastSeenLat: 45.76,
      lastSeenLng: 126.63,
    },
    {
      sex: 'male',
      ageMin: 45,
      ageMax: 60,
      lastSeenDate: dayFrom(today, -1000),
      lastSeenDivisionCode: '440305',
      lastSeenPlace: '深圳市南山区',
    },
    {
      sex: 'female',
      ageMin: 80,
      ageMax: 85,
      accent: '广东',
      features: '戴眼镜，跛行',
      lastSeenDate: dayFrom(today, -60),
      lastSeenDivisionCode: '440103',
      lastSeenPlace: '广州市荔湾区',
      lastSeenLat: 23.12,
      lastSeenLng: 113.26,
    },
  ];
  const ids: number[] = [];
  for (const f of families) {
    const r = await request(url).post('/api/family-search/searches').set(auth).send(f);
    if (r.status !== 201) throw new Error(`register answered ${r.status}: ${r.text}`);
    ids.push(r.body.id);
  }
  for (const id of ids) {
    const t = Date.now();
    const r = await request(url).get(`/api/family-search/searches/${id}/matches`).set(auth);
    if (r.status !== 200) throw new Error(`matches answered ${r.status}: ${r.text}`);
    console.log(
      `search ${id}: best ${r.body.items[0]?.score ?? '—'} of ${r.body.items.length}, ${Date.now() - t} ms cold`,
    );
  }
  // What each search costs the database (MariaDB's handler counters), judged without the clock.
  for (const id of ids) {
    const cost = await sqlCost(app.platform.db, databaseUrl, () =>
      request(url).get(`/api/family-search/searches/${id}/matches`).set(auth),
    );
    console.log(
      `search ${id}: ${cost.statements} statement(s), ${cost.rowsRead ?? 'n/a (SQLite)'} rows read, ${cost.indexEntriesSkipped ?? 'n/a'} more index entries skipped by index condition pushdown`,
    );
  }
  console.log(`db=${config.database.dialect} cache=${app.platform.cache.kind} connections=${CONNECTIONS}`);

  const bare = await startBareKoa();
  const baseline = await measure('bare Koa GET /', { url: bare.url, connections: CONNECTIONS });
  let turn = 0;
  const matches = await measure('family ranked search (5 families in turn)', {
    url,
    connections: CONNECTIONS,
    headers: auth,
    path: () => `/api/family-search/searches/${ids[turn++ % ids.length]}/matches`,
  });
  let q = 0;
  const publicList = await measure('public list (sex, age, region)', {
    url,
    connections: CONNECTIONS,
    path: () => {
      const [code] = COUNTIES[q++ % COUNTIES.length];
      return `/api/family-search/notices?sex=male&age=${20 + (q % 60)}&division=${code.slice(0, 4)}`;
    },
  });
  report(baseline, [matches, publicList]);
  console.log(`goal: ranked search p99 ≤ 100 ms at 32 connections. load average ${loadAverage()}`);
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
