import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import mysql from 'mysql2/promise';

/** Empties the test database: the SQLite file goes; on MySQL every table is dropped. */
export async function resetDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return;
  }
  const db = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), { logging: false, dialect: 'mysql' });
  const [rows] = await db.query(
    'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()',
  );
  await db.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const { t } of rows as { t: string }[]) await db.query(`DROP TABLE IF EXISTS \`${t}\``);
  await db.query('SET FOREIGN_KEY_CHECKS = 1');
  await db.close();
}

/**
 * A MariaDB database of a suite's own, beside the one DATABASE_URL names (its name prefixed
 * with that database's, so parallel runs on other databases do not collide), created if
 * missing and emptied. Undefined unless DATABASE_URL is a MySQL/MariaDB URL: a run nobody
 * pointed at MariaDB never touches one (the caller skips, saying so; CI's MariaDB pass runs it).
 */
export async function ownMariaDb(name: string): Promise<string | undefined> {
  const configured = process.env.DATABASE_URL;
  if (!configured?.match(/^(mysql|mariadb):/)) {
    console.warn('    (runs on MariaDB only: set DATABASE_URL=mysql://…; skipping)');
    return undefined;
  }
  const base = new URL(configured).pathname.slice(1) || 'test';
  const own = `${base}_${name}`.slice(0, 64);
  const url = configured.replace(/\/[^/?]*(\?.*)?$/, `/${own}`);
  const u = new URL(url);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username,
    password: u.password || undefined,
  });
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${own}\` CHARACTER SET utf8mb4`);
  await conn.end();
  await resetDatabase(url);
  return url;
}

/**
 * A database of a story's own, on whichever backend the run uses: a MariaDB database beside the
 * configured one (`ownMariaDb`), or a fresh SQLite file. For stories that read lists or counts a
 * whole region wide (accounts, statistics, a citizen's identity), which other stories sharing the
 * test database would otherwise change under them.
 */
export async function ownDatabase(name: string): Promise<string> {
  if (process.env.DATABASE_URL?.match(/^(mysql|mariadb):/)) return (await ownMariaDb(name))!;
  return `sqlite:${path.join(os.tmpdir(), `minzheng-${name}-${process.pid}-${Date.now()}.sqlite`)}`;
}
