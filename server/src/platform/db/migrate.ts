import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { PiiCrypto } from '../crypto';

/** What a migration that rewrites keyed values needs beyond the schema: the PII keys. */
export interface MigrationKeys {
  pii?: PiiCrypto;
}

/** One migration file: `export const up: Migration['up'] = async ({ context: qi, db }) => …`. */
export interface Migration {
  up(params: { context: QueryInterface; db: Sequelize; keys: MigrationKeys }): Promise<void>;
}

/** A migration as a module hands it over: its name is its file's name (a timestamp first). */
export interface NamedMigration extends Migration {
  name: string;
}

/**
 * A module's migrations, from its `migrations/index.ts`: the keys are the files' names without
 * `.ts` (`{ '202611300120-bookings': bookings }`), so the stored names never change.
 */
export function namedMigrations(files: Record<string, Migration>): NamedMigration[] {
  return Object.entries(files).map(([name, file]) => ({ name, up: file.up }));
}

/**
 * Migrations live beside the code that owns them (platform/migrations, modules/<domain>/migrations);
 * each module's root exports its list and the app assembly (`src/migrations.ts`) hands them all
 * here. They run in name order (names start with a timestamp), forward only, on SQLite and
 * MySQL alike; a name handed twice is refused.
 */
export function createMigrator(db: Sequelize, migrations: readonly NamedMigration[], keys: MigrationKeys = {}) {
  const names = new Set<string>();
  for (const m of migrations) {
    if (!/^\d{10,}-.+$/.test(m.name)) throw new Error(`migration name must start with a timestamp: ${m.name}`);
    if (names.has(m.name)) throw new Error(`migration handed twice: ${m.name}`);
    names.add(m.name);
  }
  const ordered = [...migrations].sort((a, b) => a.name.localeCompare(b.name));
  return new Umzug({
    migrations: ordered.map((m) => ({
      name: m.name,
      up: async () => m.up({ context: db.getQueryInterface(), db, keys }),
    })),
    context: db.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize: db, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/**
 * Applies pending migrations. On MySQL several processes may start at once: a named lock
 * held on one pinned connection (the transaction's) makes them run the migrations once.
 * SQLite is one file written by one embedded process.
 */
export async function migrate(
  db: Sequelize,
  migrations: readonly NamedMigration[],
  keys: MigrationKeys = {},
): Promise<string[]> {
  const run = async () => (await createMigrator(db, migrations, keys).up()).map((m) => m.name);
  if (db.getDialect() !== 'mysql') return run();
  return db.transaction(async (transaction) => {
    await db.query("SELECT GET_LOCK('minzheng_migrate', 120)", { transaction });
    try {
      return await run();
    } finally {
      await db.query("SELECT RELEASE_LOCK('minzheng_migrate')", { transaction });
    }
  });
}
