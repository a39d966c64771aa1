import { Writable } from 'node:stream';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../server/src/app';
import { resetDatabase } from './db';
import { testEnv } from './env';

export interface TestServer {
  url: string;
  app: App;
  /** Every log line this server wrote, for tests that check what is (not) logged. */
  logs: string[];
  close(): Promise<void>;
}

let reset: Promise<void> | undefined;

/**
 * Starts the real app in-process on a random port, with the WeChat simulator mounted and the
 * H5 build served at `/`. The database is emptied once per test process; a suite that counts
 * rows across the whole database (search totals, seeds) asks for `freshDatabase`.
 */
export async function startServer(
  overrides: Record<string, string | undefined> = {},
  options: { freshDatabase?: boolean } = {},
): Promise<TestServer> {
  const env = testEnv(overrides);
  if (options.freshDatabase) {
    await reset;
    reset = resetDatabase(env.DATABASE_URL);
  }
  await (reset ??= resetDatabase(env.DATABASE_URL));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp(loadConfig(env), { logStream });
  const url = await app.listen(0, '127.0.0.1');
  return { url, app, logs, close: () => app.close() };
}
