import { ConfigError, loadConfig } from '../../config';
import { createApp } from './app';
import { guardProcess } from './platform/process-guard';

/**
 * Process entry for queued work (notices, syncs, daily jobs). Same composition as the
 * server, so every module's handlers are defined, but it serves no HTTP.
 */
async function main() {
  const config = { ...loadConfig(), runWorkers: true, serveH5: false };
  const app = await createApp(config);
  app.platform.logger.info({ jobs: app.platform.jobs.kind }, 'worker started');
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    await app.close();
    process.exit(code);
  };
  guardProcess({ logger: app.platform.logger, stop });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `worker failed to start: ${err?.message ?? err}`);
  process.exit(1);
});
