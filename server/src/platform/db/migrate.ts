import fs from 'node:fs';
import path from 'node:path';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

export interface Migration {
  up(params: { context: QueryInterface; db: Sequelize }): Promise<void>;
}

const SRC = path.resolve(__dirname, '..', '..');

/**
 * Migrations live beside the code that owns them: platform/migrations and
 * modules/<domain>/migrations. They run in file-name order (names start with a timestamp),
 * forward only, on SQLite and MySQL alike.
 */
function migrationFiles(): string[] {
  const dirs = [path.join(SRC, 'platform', 'migrations')];
  const modules = path.join(SRC, 'modules');
  for (const m of fs.readdirSync(modules)) dirs.push(path.join(modules, m, 'migrations'));
  const files = dirs.flatMap((d) =>
    fs.existsSync(d)
      ? fs
          .readdirSync(d)
          .filter((f) => /^\d{10,}-.+\.ts$/.test(f))
          .map((f) => path.join(d, f))
      : [],
  );
  return files.sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

export function createMigrator(db: Sequelize) {
  return new Umzug({
    migrations: async () =>
      migrationFiles().map((file) => ({
        name: path.basename(file, '.ts'),
        up: async () => (require(file) as Migration).up({ context: db.getQueryInterface(), db }),
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
export async function migrate(db: Sequelize): Promise<string[]> {
  const run = async () => (await createMigrator(db).up()).map((m) => m.name);
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
