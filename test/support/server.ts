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

/** Each database's emptying, once per test process (per database: a suite on a database of its own first does not leave the shared one unemptied). */
const resets = new Map<string, Promise<void>>();

/**
 * Starts the real app in-process on a random port, with the WeChat simulator mounted and the
 * H5 build served at `/`. Each database is emptied once per test process; a suite that counts
 * rows across the whole database (search totals, seeds) asks for `freshDatabase`.
 */
export async function startServer(
  overrides: Record<string, string | undefined> = {},
  options: { freshDatabase?: boolean } = {},
): Promise<TestServer> {
  const env = testEnv(overrides);
  const database = env.DATABASE_URL;
  if (options.freshDatabase) {
    await resets.get(database);
    resets.set(database, resetDatabase(database));
  }
  if (!resets.has(database)) resets.set(database, resetDatabase(database));
  await resets.get(database);
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
