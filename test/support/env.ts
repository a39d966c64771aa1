import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

/**
 * The environment every test server runs with. DATABASE_URL and REDIS_URL pass through, so
 * `npm test` with them set runs every story on MySQL/MariaDB and Redis; without them, on a
 * SQLite file and the in-process cache.
 */
export const TEST_ADMIN_PASSWORD = 'Test-admin-password-1';
const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;

export const TEST_DB_URL =
  process.env.DATABASE_URL || `sqlite:${path.join(os.tmpdir(), `minzheng-test-${runId}.sqlite`)}`;
export const TEST_REDIS_URL = process.env.REDIS_URL || undefined;
/** Redis keys of this test process never collide with another run's. */
export const TEST_REDIS_PREFIX = `mz:test:${runId}:`;

/**
 * A server on a database of its own gets Redis keys of its own too: cached account states,
 * sessions and counters name rows by id, and the same id is another row in another database.
 */
function redisPrefixFor(databaseUrl: string | undefined): string {
  if (!databaseUrl || databaseUrl === TEST_DB_URL) return TEST_REDIS_PREFIX;
  return `${TEST_REDIS_PREFIX}${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 8)}:`;
}

export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_DB_URL,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefixFor(overrides.DATABASE_URL),
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    // Tests talk to the WeChat simulator mounted on the server under test (they ask for it),
    // unless they name a simulator of their own.
    WECHAT_SIMULATOR: overrides.WECHAT_API_BASE ? undefined : 'true',
    // Every suite logs in from 127.0.0.1, and on Redis the counters outlive one server: the
    // limits get their own tests with their own settings.
    RATE_LOGIN_PER_IP: '1000000',
    RATE_STAFF_LOGIN_PER_IP: '1000000',
    RATE_IDENTITY_PER_IP: '1000000',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
