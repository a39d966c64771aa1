/**
 * `npm run bench -- volunteer`: 志愿服务 on one in-process server, on its own database
 * (`ownBenchDatabase`: SQLite by default, `<db>_bench_volunteer` beside DATABASE_URL's MariaDB).
 *  1. Activities near me: GET /api/volunteer/activities?lat&lng&withinKm=5 over BENCH_ACTIVITIES
 *     (default 5,000) published activities scattered around Beijing, 64 connections, against a
 *     bare Koa endpoint (ratio printed).
 *  2. Sign-up rush: BENCH_VOLUNTEERS (default 400) registered volunteers sign up for one activity
 *     with BENCH_QUOTA (default 50) places at once (BENCH_RUSH_CONCURRENCY, default 100, in
 *     flight): checks no over-subscription (待审核 + 已录用 ≤ quota, everyone else 候补), nobody
 *     twice, 0 × 5xx; prints p50/p99 of the sign-ups.
 * Not the full marathon (5,000 sign-ins over two processes): see README.
 */
import request from 'supertest';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { dayFrom, loadAverage, measure, ownBenchDatabase, report, startBareKoa } from './lib';

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 5000);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 400);
const QUOTA = Number(process.env.BENCH_QUOTA ?? 50);
const RUSH_CONCURRENCY = Number(process.env.BENCH_RUSH_CONCURRENCY ?? 100);
const CENTER = { lat: 39.9087, lng: 116.3975 };

/** A valid GB 11643 number, distinct for each i (birth dates from 1950 on). */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${birth}${String(100 + Math.floor(i / 15_000)).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[w.reduce((s, x, k) => s + x * Number(body[k]), 0) % 11];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function main() {
  const databaseUrl = await ownBenchDatabase('volunteer');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
    RATE_LOGIN_PER_IP: '1000000',
    ADMIN_PASSWORD: 'Bench-admin-password-1',
  });
  const app = await createApp(config);
  const url = await app.listen(0, '127.0.0.1');
  const admin = await request(url)
    .post('/api/staff/login')
    .send({ username: 'admin', password: 'Bench-admin-password-1' });
  if (admin.status !== 200) throw new Error(`admin login: ${admin.status} ${JSON.stringify(admin.body)}`);
  const auth = { Authorization: `Bearer ${admin.body.token}` };
  const { body: orgBody } = await request(url)
    .post('/api/staff/volunteer/orgs')
    .set(auth)
    .send({ name: '压测志愿服务队', divisionCode: '110105', contact: '010-65000000' })
    .expect(201);

  // One activity through the API (the rush's), the rest copied into the table: the search is measured.
  const date = dayFrom(new Date().toISOString().slice(0, 10), 10);
  const { body: created } = await request(url)
    .post('/api/staff/volunteer/activities')
    .set(auth)
    .send({
      orgId: orgBody.org.id,
      title: '马拉松赛道志愿服务',
      type: 'elderly',
      divisionCode: '110105001',
      description: '赛道补给与引导',
      tasks: '补给、引导',
      requirements: '年满18周岁',
      risks: '户外长时间站立',
      insurance: true,
      quota: QUOTA,
      address: '北京市朝阳区',
      ...CENTER,
      startsAt: `${date}T07:00:00+08:00`,
      endsAt: `${date}T12:00:00+08:00`,
      signupDeadline: `${dayFrom(date, -1)}T18:00:00+08:00`,
    })
    .expect(201);
  const rushId = created.activity.id as number;
  await request(url).post(`/api/staff/volunteer/activities/${rushId}/publish`).set(auth).expect(200);
  const { Activity } = app.modules.volunteer.models;
  const template = (await Activity.findByPk(rushId))!.get({ plain: true }) as unknown as Record<string, unknown>;
  const t0 = Date.now();
  for (let i = 0; i < ACTIVITIES; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(ACTIVITIES, i + 1000); k++) {
      const { id: _, ...rest } = template;
      // Scattered over about ±50 km around the centre, on the next 60 days.
      const day = dayFrom(date, k % 60);
      rows.push({
        ...rest,
        title: `社区志愿服务${k}`,
        lat: CENTER.lat + (((k * 7919) % 1000) / 1000 - 0.5) * 0.9,
        lng: CENTER.lng + (((k * 104_729) % 1000) / 1000 - 0.5) * 1.2,
        starts_at: new Date(`${day}T09:00:00+08:00`),
        ends_at: new Date(`${day}T12:00:00+08:00`),
      });
    }
    await Activity.bulkCreate(rows as never[]);
  }
  console.log(`seeded ${ACTIVITIES} activities in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const bare = await startBareKoa();
  console.log(`db=${config.database.dialect} cache=${app.platform.cache.kind} connections=64 load ${loadAverage()}`);
  const baseline = await measure('bare Koa GET /', { url: bare.url });
  const near = await measure(`GET /api/volunteer/activities near me (5 km, ${ACTIVITIES} activities)`, {
    url: `${url}/api/volunteer/activities?lat=${CENTER.lat + 0.01}&lng=${CENTER.lng}&withinKm=5`,
  });
  report(baseline, [near]);

  // The rush: registered volunteers (through the API), then every sign-up at once.
  const t1 = Date.now();
  const tokens: string[] = [];
  for (let i = 0; i < VOLUNTEERS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, VOLUNTEERS - i) }, async (_, k) => {
        const n = i + k;
        const { body: minted } = await request(url)
          .post('/__wechat__/dev/login-code')
          .send({ openid: `o_bench_vol_${n}` });
        const { body: login } = await request(url).post('/api/auth/login').send({ code: minted.code }).expect(200);
        const a = { Authorization: `Bearer ${login.token}` };
        await request(url)
          .put('/api/me/identity')
          .set(a)
          .send({ name: '压测志愿者', idNumber: idNumber(n) })
          .expect(200);
        await request(url).post('/api/volunteer/me').set(a).send({}).expect(201);
        return login.token as string;
      }),
    );
    tokens.push(...batch);
  }
  console.log(`registered ${VOLUNTEERS} volunteers in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const outcomes = new Map<string, number>();
  let next = 0;
  const t2 = Date.now();
  await Promise.all(
    Array.from({ length: RUSH_CONCURRENCY }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        const start = performance.now();
        const res = await fetch(`${url}/api/volunteer/activities/${rushId}/signup`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        const body = (await res.json()) as { signup?: { status: string } };
        latencies.push(performance.now() - start);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (body.signup) outcomes.set(body.signup.status, (outcomes.get(body.signup.status) ?? 0) + 1);
      }
    }),
  );
  const rushSeconds = (Date.now() - t2) / 1000;
  latencies.sort((a, b) => a - b);
  const { Signup } = app.modules.volunteer.models;
  const rows = await Signup.findAll({ where: { activity_id: rushId } });
  const taking = rows.filter((r) => r.status === 'pending' || r.status === 'approved').length;
  const distinct = new Set(rows.map((r) => r.volunteer_id)).size;
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.table([
    {
      target: `sign-up rush: ${VOLUNTEERS} volunteers, ${QUOTA} places, ${RUSH_CONCURRENCY} in flight`,
      'req/s': Math.round(VOLUNTEERS / rushSeconds),
      'p50 ms': Math.round(pct(latencies, 50)),
      'p99 ms': Math.round(pct(latencies, 99)),
      statuses: JSON.stringify(Object.fromEntries(statuses)),
      outcomes: JSON.stringify(Object.fromEntries(outcomes)),
    },
  ]);
  const ok = taking <= QUOTA && taking === Math.min(QUOTA, VOLUNTEERS) && distinct === rows.length && fiveXx === 0;
  console.log(
    `${ok ? 'OK' : 'FAILED'}: ${taking} taking a place (quota ${QUOTA}), ${rows.length - taking} on the waiting list, ${rows.length} rows for ${distinct} volunteers, ${fiveXx} × 5xx; load average ${loadAverage()}`,
  );
  await new Promise((r) => setTimeout(r, 500));
  await bare.close();
  await app.close();
  if (!ok) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
