import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import type { Config } from '../../../../config';

/** One Sequelize instance for SQLite (embedded) and MySQL/MariaDB (production) alike. */
export function createDb(config: Config): Sequelize {
  const common = { logging: false as const, benchmark: false };
  if (config.database.dialect === 'sqlite') {
    const storage = config.database.storage ?? ':memory:';
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(storage), { recursive: true });
    const db = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage,
      // IMMEDIATE takes the write lock up front: two transactions never deadlock upgrading.
      transactionType: Transaction.TYPES.IMMEDIATE,
      pool: { max: 1, min: 0 },
    });
    db.addHook('afterConnect', async (conn: any) => {
      conn.configure('busyTimeout', 10_000);
      await new Promise<void>((resolve, reject) =>
        conn.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;', (err: Error | null) =>
          err ? reject(err) : resolve(),
        ),
      );
    });
    return db;
  }
  return new Sequelize(config.database.url, {
    ...common,
    dialect: 'mysql',
    dialectOptions: { charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true },
    define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
  });
}

export const isSqlite = (db: Sequelize) => db.getDialect() === 'sqlite';

/** Options every createTable passes so MySQL tables are utf8mb4 InnoDB. */
export const TABLE_OPTIONS = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;
