/**
 * `npm run bench -- me`: authenticated GET /api/me (the session and the citizen's row copy in
 * one cache round trip, decrypt and mask) against a bare Koa endpoint, 64 connections. The load
 * comes from a child process, so the CPU per request printed is the server's alone; the cache
 * round trips and SQL statements per request are counted too (what a loaded machine cannot skew).
 * Runs on whatever DATABASE_URL / REDIS_URL say; embedded default otherwise.
 * BENCH_CPU_PROF=<dir> writes a CPU profile of the server during the /api/me run (lib.ts).
 */
import request from 'supertest';
import { loadConfig } from '../config';
import { createApp } from '../server/src/app';
import { countRoundTrips, measure, report, startBareKoa, startCpuProfile } from './lib';

async function main() {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    WECHAT_SIMULATOR: 'true',
    SERVE_H5: 'false',
    RUN_WORKERS: 'false',
    RATE_LOGIN_PER_IP: '100000',
  });
  const app = await createApp(config);
  const url = await app.listen(0, '127.0.0.1');
  const { body: minted } = await request(url).post('/__wechat__/dev/login-code').send({ openid: 'o_bench_me' });
  const { body: login } = await request(url).post('/api/auth/login').send({ code: minted.code });
  await request(url)
    .put('/api/me/identity')
    .set('Authorization', `Bearer ${login.token}`)
    .send({ name: '张三', idNumber: '11010519491231002X' });

  const bare = await startBareKoa();
  console.log(`db=${config.database.dialect} cache=${app.platform.cache.kind} connections=64`);
  const counted = countRoundTrips(app.platform);
  const baseline = await measure('bare Koa GET /', { url: bare.url });
  counted();
  const profile = await startCpuProfile();
  const me = await measure('GET /api/me (authenticated)', {
    url: `${url}/api/me`,
    headers: { authorization: `Bearer ${login.token}` },
  });
  const trips = counted();
  if (profile) console.log(`CPU profile of the /api/me run: ${await profile.stop('me')}`);
  const requests = Math.max(1, me.total);
  report(baseline, [me]);
  console.log(
    `GET /api/me per request: ${(trips.cache / requests).toFixed(2)} cache round trips, ${(trips.sql / requests).toFixed(3)} SQL statements (server CPU in the table: the load generator runs in a child process)`,
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
