import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { MIGRATIONS } from '../../src/migrations';
import { createMigrator, migrate, type NamedMigration } from '../../src/platform/db/migrate';

/**
 * Modules hand their migrations to the migrator (each root exports its list, the app assembly
 * `src/migrations.ts` passes them on): nothing is found by scanning directories at run time.
 */
const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Every migration file in the tree, as the old directory scan saw them. */
function migrationFilesOnDisk(): string[] {
  const dirs = [path.join(SRC, 'platform', 'migrations')];
  for (const m of fs.readdirSync(path.join(SRC, 'modules'))) dirs.push(path.join(SRC, 'modules', m, 'migrations'));
  return dirs
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => /^\d{10,}-.+\.ts$/.test(f)))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

describe('Migrations handed over by the modules', () => {
  it('every migration file of the platform and of every module is handed to the migrator, once, under its file name', () => {
    const handed = MIGRATIONS.map((m) => m.name).sort();
    assert.deepEqual(handed, migrationFilesOnDisk());
    assert.equal(new Set(handed).size, handed.length);
  });

  it('the migrator runs what it is given, in name order, once, and refuses a name handed twice', async () => {
    const file = path.join(os.tmpdir(), `mz-migrations-${process.pid}.sqlite`);
    fs.rmSync(file, { force: true });
    const db = new Sequelize(`sqlite:${file}`, { logging: false });
    try {
      const ran: string[] = [];
      const step = (name: string): NamedMigration => ({
        name,
        up: async ({ context }) => {
          ran.push(name);
          await context.createTable(`t_${name.slice(0, 12)}`, { id: { type: 'INTEGER', primaryKey: true } });
        },
      });
      // Handed in module order, run in timestamp order.
      const given = [step('202612020000-second'), step('202612010000-first')];
      assert.deepEqual(await migrate(db, given), ['202612010000-first', '202612020000-second']);
      assert.deepEqual(ran, ['202612010000-first', '202612020000-second']);
      // A later start with one more migration runs only that one.
      assert.deepEqual(await migrate(db, [...given, step('202612030000-third')]), ['202612030000-third']);
      const stored = await db.query('SELECT name FROM schema_migrations ORDER BY name', { type: QueryTypes.SELECT });
      assert.deepEqual(
        stored.map((r) => (r as { name: string }).name),
        ['202612010000-first', '202612020000-second', '202612030000-third'],
      );
      assert.throws(
        () => createMigrator(db, [...given, step('202612010000-first')]),
        /handed twice: 202612010000-first/,
      );
      assert.throws(() => createMigrator(db, [step('first')]), /must start with a timestamp: first/);
    } finally {
      await db.close();
      fs.rmSync(file, { force: true });
    }
  });

  it('a fresh database gets every handed migration; a second run applies nothing', async () => {
    const file = path.join(os.tmpdir(), `mz-migrations-all-${process.pid}.sqlite`);
    fs.rmSync(file, { force: true });
    const db = new Sequelize(`sqlite:${file}`, { logging: false });
    try {
      const applied = await migrate(db, MIGRATIONS);
      assert.deepEqual(applied, MIGRATIONS.map((m) => m.name).sort());
      const tables = (await db.getQueryInterface().showAllTables()).map(String);
      for (const t of ['audit_logs', 'users', 'staff_accounts', 'bookings', 'social_orgs', 'cases', 'notice_outbox']) {
        assert.ok(tables.includes(t), `${t} exists`);
      }
      assert.deepEqual(await migrate(db, MIGRATIONS), [], 'a second start applies nothing');
    } finally {
      await db.close();
      fs.rmSync(file, { force: true });
    }
  });
});
