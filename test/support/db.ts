import fs from 'node:fs';
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
  const [rows] = await db.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()');
  await db.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const { t } of rows as { t: string }[]) await db.query(`DROP TABLE IF EXISTS \`${t}\``);
  await db.query('SET FOREIGN_KEY_CHECKS = 1');
  await db.close();
}

/**
 * A MariaDB database of a suite's own, on the configured server (or the local one), created
 * if missing and emptied; undefined when no MariaDB answers (CI starts one; a laptop without
 * it still runs the rest of the suite, and the caller skips, saying so).
 */
export async function ownMariaDb(name: string): Promise<string | undefined> {
  const url = process.env.DATABASE_URL?.match(/^(mysql|mariadb):/)
    ? process.env.DATABASE_URL.replace(/\/[^/?]*(\?.*)?$/, `/${name}`)
    : `mysql://root@127.0.0.1:3306/${name}`;
  const u = new URL(url);
  try {
    const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, password: u.password || undefined });
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4`);
    await conn.end();
  } catch (err) {
    console.warn(`    (MariaDB not reachable at ${u.host}: ${(err as Error).message}; skipping)`);
    return undefined;
  }
  await resetDatabase(url);
  return url;
}
