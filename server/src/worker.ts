import { ConfigError, loadConfig } from '../../config';
import { createApp } from './app';

/**
 * Process entry for queued work (notices, syncs, daily jobs). Same composition as the
 * server, so every module's handlers are defined, but it serves no HTTP.
 */
async function main() {
  const config = { ...loadConfig(), runWorkers: true, serveH5: false };
  const app = await createApp(config);
  app.platform.logger.info({ jobs: app.platform.jobs.kind }, 'worker started');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `worker failed to start: ${err?.message ?? err}`);
  process.exit(1);
});
