import { loadConfig } from '../../../config';
import { createPiiCrypto } from '../platform/crypto';
import { createDb } from '../platform/db';
import { migrate } from '../platform/db/migrate';
import { MIGRATIONS } from '../migrations';

/** `npm run migrate`: applies pending migrations and prints their names. */
async function run() {
  const config = loadConfig(process.env, { wechat: false });
  const db = createDb(config);
  const applied = await migrate(db, MIGRATIONS, { pii: createPiiCrypto(config.piiKey) });
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.close();
}
run().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
