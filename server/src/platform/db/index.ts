import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import sqlite3 from 'sqlite3';

/**
 * sqlite3 with every connection set up for concurrency: Sequelize opens one connection per
 * transaction and runs no hooks on them, so the set-up rides on the constructor. WAL lets
 * readers run beside the writer; the busy timeout makes a second writer (another
 * transaction, or another process on the same file) wait instead of failing.
 */
class ConcurrentDatabase extends sqlite3.Database {
  constructor(file: string, mode: number, callback: (err: Error | null) => void) {
    super(file, mode, (err) => {
      if (!err) {
        this.configure('busyTimeout', 15_000);
        this.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
      }
      callback(err);
    });
  }
}
const sqliteModule = { ...sqlite3, Database: ConcurrentDatabase };
import type { Config } from '../../../../config';
import { serializeSqliteWrites } from './sqlite-writes';

/** One Sequelize instance for SQLite (embedded) and MySQL/MariaDB (production) alike. */
export function createDb(config: Config): Sequelize {
  const common = { logging: false as const, benchmark: false };
  if (config.database.dialect === 'sqlite') {
    const storage = config.database.storage ?? ':memory:';
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(storage), { recursive: true });
    const db = new Sequelize({
      ...common,
      dialect: 'sqlite',
      dialectModule: sqliteModule,
      storage,
      // IMMEDIATE takes the write lock up front: two transactions never deadlock upgrading.
      transactionType: Transaction.TYPES.IMMEDIATE,
      pool: { max: 1, min: 0 },
    });
    serializeSqliteWrites(db);
    return db;
  }
  return new Sequelize(config.database.url, {
    ...common,
    dialect: 'mysql',
    dialectOptions: { charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true },
    define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    pool: { max: config.database.poolMax, min: 0, idle: 10_000, acquire: 30_000 },
  });
}

export const isSqlite = (db: Sequelize) => db.getDialect() === 'sqlite';

/** Options every createTable passes so MySQL tables are utf8mb4 InnoDB. */
export const TABLE_OPTIONS = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;
