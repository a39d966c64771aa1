import { type Config, ConfigError, loadConfig } from '../../config';
import { createApp } from './app';
import { seedDemo } from './cli/seed-demo';
import { guardProcess } from './platform/process-guard';

/** Process entry: configuration, the app, listening, and a graceful stop on SIGTERM. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  const log = app.platform.logger;

  if (app.firstAdminPassword) {
    // Printed once, on the start that created the account; it is stored only as a hash.
    process.stdout.write(
      `\n  管理员账号已创建 — username: admin  password: ${app.firstAdminPassword}\n  (shown once, and one-time: it must be changed at the first sign-in)\n\n`,
    );
  }
  if (config.seedDemo) await seedDemo(app);

  const url = await app.listen();
  log.info(
    {
      url,
      db: config.database.dialect,
      cache: app.platform.cache.kind,
      wechat: config.wechat.embeddedSimulator ? 'simulator' : 'wechat',
    },
    'minzheng listening',
  );
  if (!config.production) process.stdout.write(`  民政服务 running at http://localhost:${config.port}\n`);

  let stopping = false;
  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    // A last resort only: a stop finishes the requests in flight well before this.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    process.exit(code);
  };
  guardProcess({ logger: log, requestIds: app.requestIds, stop: (code) => stop('uncaught exception', code) });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('minzheng failed to start:', err?.message ?? err);
  process.exit(1);
});
