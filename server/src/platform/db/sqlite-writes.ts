import type { Sequelize, Transaction } from 'sequelize';
import { unavailable } from '../errors';

/**
 * SQLite allows one writer. node-sqlite3 runs statements on libuv's 4 worker threads, and a
 * statement waiting for the write lock blocks its thread in SQLite's busy handler. With
 * several transactions at once, the waiters can occupy every thread while the lock holder
 * needs one to COMMIT: the process stalls. So within a process writers take turns here, in
 * a queue that costs no thread, and only one statement at a time ever waits inside SQLite
 * (for a writer in another process, if any).
 *
 * Transactions hold the turn from BEGIN to COMMIT/ROLLBACK; statements inside a
 * transaction pass through; a write outside any transaction takes a turn of its own; reads
 * never wait (WAL).
 */
export function serializeSqliteWrites(db: Sequelize, waitMs = 30_000): void {
  let tail: Promise<void> = Promise.resolve();
  const acquire = async (): Promise<() => void> => {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const previous = tail;
    tail = previous.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable('DB_BUSY', '系统繁忙，请稍后再试')), waitMs);
    });
    try {
      await Promise.race([previous, timeout]);
    } catch (err) {
      // Give our place up once it comes, so those behind us are not stuck.
      previous.then(release);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return release;
  };

  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as any).transaction = async (a?: unknown, b?: unknown) => {
    const [options, fn] = typeof a === 'function' ? [{}, a] : [a ?? {}, b];
    // A savepoint inside a transaction (Sequelize's findOrCreate makes one) already holds the
    // turn: taking another would wait for itself.
    if ((options as { transaction?: unknown }).transaction) return fn ? transaction(options, fn) : transaction(options);
    const release = await acquire();
    if (typeof fn === 'function') {
      try {
        return await transaction(options, fn);
      } finally {
        release();
      }
    }
    let t: Transaction;
    try {
      t = (await transaction(options)) as Transaction;
    } catch (err) {
      release();
      throw err;
    }
    let released = false;
    const finish = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    const commit = t.commit.bind(t);
    const rollback = t.rollback.bind(t);
    t.commit = async () => {
      try {
        return await commit();
      } finally {
        finish();
      }
    };
    t.rollback = async () => {
      try {
        return await rollback();
      } finally {
        finish();
      }
    };
    return t;
  };

  const query = db.query.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as any).query = async (sql: unknown, options?: { transaction?: unknown; type?: string }) => {
    if (options?.transaction || isRead(sql, options?.type)) return query(sql, options);
    const release = await acquire();
    try {
      return await query(sql, options);
    } finally {
      release();
    }
  };
}

function isRead(sql: unknown, type?: string): boolean {
  if (type === 'SELECT' || type === 'SHOWTABLES' || type === 'DESCRIBE' || type === 'SHOWINDEXES') return true;
  const text = typeof sql === 'string' ? sql : ((sql as { query?: string })?.query ?? '');
  return /^\s*(SELECT|WITH|EXPLAIN)\b/i.test(text) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(text.slice(0, 200));
}
