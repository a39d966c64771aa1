import fs from 'node:fs';
import { Sequelize } from 'sequelize';

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
