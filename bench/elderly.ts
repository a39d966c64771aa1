/**
 * `npm run bench -- elderly`: the 养老服务 directory search over 50,000 institutions, stations and
 * 助餐点 (`BENCH_PLACES`) spread over 16 districts of Beijing, at 64 connections
 * (`BENCH_CONNECTIONS`): by district with free beds and a care level; near a point within 5 km
 * with a price ceiling; near a point with every filter. Each query varies (district, point,
 * price) so no answer is cached. Against a bare Koa endpoint in the same run.
 * Its own database (`ownBenchDatabase('elderly')`): a SQLite file, or `<db>_bench_elderly`.
 */
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { gridCell } from '../server/src/modules/elderly';
import { type Measure, measure, onDirectReads, ownBenchDatabase, report, startBareKoa } from './lib';

const PLACES = Number(process.env.BENCH_PLACES ?? 50_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DISTRICTS = [
  '110101',
  '110102',
  '110105',
  '110106',
  '110107',
  '110108',
  '110109',
  '110111',
  '110112',
  '110113',
  '110114',
  '110115',
  '110116',
  '110117',
  '110118',
  '110119',
];
const LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total'];
const KINDS = ['institution', 'station', 'meal_point'];

/** A deterministic pseudo-random sequence (the same places every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main() {
  const url = await ownBenchDatabase('elderly');
  const app = await createApp(
    loadConfig({
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      WECHAT_SIMULATOR: 'true',
      SERVE_H5: 'false',
      RUN_WORKERS: 'false',
    }),
  );
  const base = await app.listen(0, '127.0.0.1');
  const qi = app.platform.db.getQueryInterface();
  const point = (lat: number, lng: number) => ({ lat, lng, grid_cell: gridCell(lat, lng) });
  const rand = rng(42);
  const t0 = Date.now();
  const now = new Date();
  for (let i = 0; i < PLACES; i += 2000) {
    const places = [];
    for (let k = i; k < Math.min(PLACES, i + 2000); k++) {
      const kind = KINDS[k % 10 < 6 ? 0 : k % 10 < 9 ? 1 : 2];
      const levels = LEVELS.filter(() => rand() < 0.55);
      const beds = kind === 'meal_point' ? 0 : 20 + Math.floor(rand() * 280);
      places.push({
        kind,
        name: `压测养老机构${k}`,
        division_code: `${DISTRICTS[k % DISTRICTS.length]}${String(1 + (k % 20)).padStart(3, '0')}`,
        address: '北京市',
        ...point(39.6 + rand() * 0.7, 116.0 + rand() * 0.9),
        phone: '010-00000000',
        hours: '08:00-18:00',
        beds,
        vacancies: rand() < 0.4 ? 0 : Math.floor(rand() * beds),
        care_levels: `,${(levels.length ? levels : ['intact']).join(',')},`,
        price_from_cents: kind === 'meal_point' ? 0 : 150_000 + Math.floor(rand() * 60) * 10_000,
        stars: Math.floor(rand() * 6),
        intro: '',
        version: 1,
        updated_at: now,
        created_at: now,
      });
    }
    await qi.bulkInsert('elderly_places', places);
  }
  console.log(`seeded ${PLACES} places in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const q = (build: (r: () => number) => string): (() => string) => {
    const r = rng(7);
    return () => `/api/elderly/places?${build(r)}`;
  };
  const near = (r: () => number) => `lat=${(39.7 + r() * 0.5).toFixed(5)}&lng=${(116.1 + r() * 0.7).toFixed(5)}`;
  // Rows the database examines for a search (MariaDB: the session's Handler_read_* counters around
  // the search's own SQL, captured as it runs), over 50 queries of each target's kind; and, for
  // the searches near a point, the rows in the latitude band the old (lat, lng) index read.
  const db = app.platform.db;
  // The search reads through readRows: mysql2 directly on MySQL (seen by onDirectReads), Sequelize
  // on SQLite (seen by its hook, the values already in the text).
  let captured: { sql: string; values?: unknown } = { sql: '' };
  onDirectReads(db, (read) => {
    if (/FROM `?elderly_places`?/.test(read.sql) && read.sql.startsWith('SELECT')) captured = read;
  });
  db.addHook('afterQuery', (_options, q) => {
    const query = q as unknown as { sql?: string };
    if (query.sql && /FROM `?elderly_places`?/.test(query.sql) && query.sql.startsWith('SELECT'))
      captured = { sql: query.sql };
  });
  const examined = async (paths: string[]) => {
    let handler = 0;
    let band = 0;
    let toJs = 0;
    let statements = 0;
    for (const path of paths) {
      captured = { sql: '' };
      const page = (await (await fetch(`${base.replace(/\/$/, '')}/api/elderly/places?${path}`)).json()) as {
        items: unknown[];
      };
      toJs += page.items.length;
      const { sql, values } = captured;
      if (sql) statements++;
      if (sql && (db.getDialect() === 'mariadb' || db.getDialect() === 'mysql')) {
        await db.transaction(async (transaction) => {
          const reads = async () => {
            const [rows] = (await db.query("SHOW SESSION STATUS LIKE 'Handler_read%'", { transaction })) as [
              Array<{ Variable_name: string; Value: string }>,
              unknown,
            ];
            return rows.reduce((n, r) => n + Number(r.Value), 0);
          };
          const idle = -(await reads()) + (await reads()); // what reading the counters adds
          const before = await reads();
          await db.query(sql, { transaction, replacements: values as unknown[] | undefined });
          handler += (await reads()) - before - idle;
        });
      }
      const p = new URLSearchParams(path);
      if (p.get('lat')) {
        const lat = Number(p.get('lat'));
        const dLat = (Number(p.get('radiusKm') ?? 10) * 1000) / 111_320;
        const [[row]] = (await db.query(
          `SELECT COUNT(*) AS n FROM elderly_places WHERE lat BETWEEN ${lat - dLat} AND ${lat + dLat}`,
        )) as [Array<{ n: number }>, unknown];
        band += Number(row.n);
      }
    }
    return {
      handler: handler / paths.length,
      band: band / paths.length,
      toJs: toJs / paths.length,
      statements: statements / paths.length,
    };
  };
  // The first search loads this process's place index (every place, once): not a search's cost.
  await fetch(`${base.replace(/\/$/, '')}/api/elderly/places?pageSize=1`);
  const sample = (build: (r: () => number) => string) => {
    const r = rng(11);
    return Array.from({ length: 50 }, () => build(r));
  };
  const kinds: Array<[string, (r: () => number) => string]> = [
    [
      'district + free beds + level',
      (r) =>
        `division=${DISTRICTS[Math.floor(r() * DISTRICTS.length)]}&hasVacancy=true&careLevel=${LEVELS[Math.floor(r() * 5)]}`,
    ],
    [
      'near a point, 5 km, price ≤',
      (r) => `${near(r)}&radiusKm=5&maxPriceCents=${200_000 + Math.floor(r() * 20) * 10_000}`,
    ],
    [
      'near a point, every filter',
      (r) =>
        `${near(r)}&kind=institution&hasVacancy=true&careLevel=${LEVELS[Math.floor(r() * 5)]}&maxPriceCents=${250_000 + Math.floor(r() * 20) * 10_000}`,
    ],
  ];
  for (const [name, build] of kinds) {
    const { handler, band, toJs, statements } = await examined(sample(build));
    console.log(
      `${name}: ${statements.toFixed(2)} statements on elderly_places a search, ${db.getDialect() === 'sqlite' ? 'n/a on SQLite' : handler.toFixed(0)} rows examined by the database a search${band ? ` (the latitude band the (lat, lng) index read: ${band.toFixed(0)})` : ''}; ${toJs.toFixed(1)} items in the page`,
    );
  }
  const bare = await startBareKoa();
  const targets: Measure[] = [];
  const baseline = await measure('bare Koa GET /', { url: bare.url, connections: CONNECTIONS });
  targets.push(
    await measure('district + free beds + level', {
      url: base,
      connections: CONNECTIONS,
      path: q(
        (r) =>
          `division=${DISTRICTS[Math.floor(r() * DISTRICTS.length)]}&hasVacancy=true&careLevel=${LEVELS[Math.floor(r() * 5)]}`,
      ),
    }),
  );
  targets.push(
    await measure('near a point, 5 km, price ≤', {
      url: base,
      connections: CONNECTIONS,
      path: q((r) => `${near(r)}&radiusKm=5&maxPriceCents=${200_000 + Math.floor(r() * 20) * 10_000}`),
    }),
  );
  targets.push(
    await measure('near a point, every filter', {
      url: base,
      connections: CONNECTIONS,
      path: q(
        (r) =>
          `${near(r)}&kind=institution&hasVacancy=true&careLevel=${LEVELS[Math.floor(r() * 5)]}&maxPriceCents=${250_000 + Math.floor(r() * 20) * 10_000}`,
      ),
    }),
  );
  console.log(`${PLACES} places, ${CONNECTIONS} connections, db=${url.split(':')[0]}`);
  report(baseline, targets);
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
