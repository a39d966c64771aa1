import { QueryTypes } from 'sequelize';
import { loadConfig } from '../../../config';
import { createCache } from '../platform/cache';
import type { Sequelize } from 'sequelize';
import { createDb, isSqlite } from '../platform/db';
import { createPiiCrypto } from '../platform/crypto';
import { migrate } from '../platform/db/migrate';
import { MIGRATIONS } from '../migrations';
import { bulkInsertOrgs, loadOrgs } from '../modules/social-orgs/bulk-insert';
import { applyGramCounts } from '../modules/social-orgs/gram-df';
import { keepMissingProfiles } from '../modules/social-orgs/profile';
import { createClock } from '../platform/clock';
import { type SyntheticOrg, syntheticOrgs } from '../modules/social-orgs/synthetic';

/**
 * `npm run seed:orgs -- --count 1000000 [--seed 1]`: synthetic social organizations (valid
 * credit codes, plausible names, real divisions, ~3% abnormal, ~0.5% serious) into the
 * configured database: on MySQL/MariaDB by the bulk load (loadOrgs: ~a million in minutes), on
 * SQLite in multi-row batches. Then every organization without a kept profile gets one
 * (`--count 0`: only that).
 */
async function run() {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(process.argv[i + 1]) : def;
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
    return v;
  };
  const count = arg('count', 10_000);
  const config = loadConfig(process.env, { wechat: false });
  const db = createDb(config);
  await migrate(db, MIGRATIONS, { pii: createPiiCrypto(config.piiKey) });
  const [{ maxId }] = (await db.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM social_orgs', {
    type: QueryTypes.SELECT,
  })) as { maxId: number }[];
  // Credit-code serials never repeat across runs: each run starts past the last one's ids.
  const start = 10_000_000 + Number(maxId);
  const make = syntheticOrgs(arg('seed', Number(maxId) + 1), createClock(config.clockOffsetMs).today());
  const began = Date.now();
  const progress = (done: number) => {
    if (done % 50_000 >= (isSqlite(db) ? 2000 : 5000) && done !== count) return;
    const s = (Date.now() - began) / 1000;
    console.log(
      `${done.toLocaleString('en')} organizations in ${s.toFixed(0)} s (${Math.round(done / s).toLocaleString('en')}/s)`,
    );
  };
  if (count === 0) {
    /* only the profiles below */
  } else if (isSqlite(db)) await seedSqlite(db, count, (i) => make(start + i), progress);
  // MySQL/MariaDB: the bulk load (ids follow the last one: this CLI is the only writer).
  else await loadOrgs(db, count, make, { firstId: Number(maxId) + 1, firstSerial: start, progress });
  // Every organization without a kept profile gets one (first look-ups read it: kept-profiles.ts).
  const keptSince = Date.now();
  const kept = await keepMissingProfiles(db, createClock(config.clockOffsetMs).today(), (done) => {
    if (done % 100_000 < 1000)
      console.log(`${done.toLocaleString('en')} profiles kept in ${((Date.now() - keptSince) / 1000).toFixed(0)} s`);
  });
  console.log(`${kept.toLocaleString('en')} profiles kept in ${((Date.now() - keptSince) / 1000).toFixed(0)} s`);
  // Running servers drop their cached search answers.
  const cache = createCache(config.redis.url, config.redis.prefix);
  await cache.incr('so:gen', 365 * 86400_000);
  await cache.close();
  await db.close();
  console.log(`done: ${count.toLocaleString('en')} organizations in ${((Date.now() - began) / 1000).toFixed(0)} s`);
}

/** SQLite: batches through bulkInsertOrgs, the gram counts gathered over many of them. */
async function seedSqlite(
  db: Sequelize,
  count: number,
  make: (i: number) => SyntheticOrg,
  progress: (done: number) => void,
) {
  await db.query('PRAGMA synchronous=OFF');
  const BATCH = 2000;
  // A common gram is then one row update per flush rather than one per batch. Until a flush, a
  // running server may not find the newest names (the version bumped at the end retires every
  // cached answer).
  const COUNTS_EVERY = 100_000;
  const gramCounts = new Map<string, number>();
  let done = 0;
  while (done < count) {
    const n = Math.min(BATCH, count - done);
    await bulkInsertOrgs(
      db,
      Array.from({ length: n }, (_, i) => make(done + i)),
      gramCounts,
    );
    done += n;
    if (done % COUNTS_EVERY < BATCH || done === count) {
      await applyGramCounts(db, gramCounts);
      gramCounts.clear();
    }
    progress(done);
  }
}

run().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
