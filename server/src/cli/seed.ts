import { loadConfig } from '../../../config';
import { createApp } from '../app';
import { seedDemo } from './seed-demo';

/** `npm run seed`: the demo data, on whatever database is configured (asked for explicitly). */
async function run() {
  const app = await createApp({ ...loadConfig(), serveH5: false });
  if (app.firstAdminPassword) console.log(`admin password: ${app.firstAdminPassword}`);
  await seedDemo(app);
  console.log('demo data is in place');
  await app.close();
}
run().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
