import type { Sequelize } from 'sequelize';
import { isSqlite } from './index';
import { readRows } from './read-rows';

/** The column a batched statement tags each row with: which read of the batch it answers. */
export const BATCH_COLUMN = 'batch_k';

export interface BatchedReads {
  /**
   * Rows of one read-only `SELECT … ORDER BY … LIMIT n` with `?` parameters (in order), as
   * readRows returns them (each row also carries `batch_k`). Reads asked while others are out
   * go together in one statement when a connection is free.
   */
  read<T>(sql: string, values: unknown[]): Promise<T[]>;
}

interface Pending {
  sql: string;
  values: unknown[];
  resolve(rows: unknown[]): void;
  reject(err: unknown): void;
}

/**
 * Small indexed reads (a page of rows each) asked by many requests at once, sent as one
 * statement: `(SELECT 0 AS batch_k, … LIMIT n) UNION ALL (SELECT 1 AS batch_k, … LIMIT n) …`.
 * At most `inFlight` statements are out at a time (a connection each); the reads asked meanwhile wait (a few
 * milliseconds at most) and leave together, up to `maxBatch` in one statement. Each read costs
 * the database the rows of its own range only, and this process and the database one round trip,
 * one packet written and one statement parsed per batch instead of per read: under a burst of
 * different first-time searches that is most of their cost.
 *
 * Each SELECT is in parentheses with its own ORDER BY and LIMIT, and the rows of a UNION ALL come
 * back one SELECT after the other, each in its own order; they are told apart by `batch_k`.
 * On SQLite (one process, no round trip) every read is sent as it is.
 */
export function createBatchedReads(db: Sequelize, opts: { inFlight?: number; maxBatch?: number } = {}): BatchedReads {
  // All but two of the pool's connections (DB_POOL_MAX, 8 by default): the database reads pages in
  // parallel, and the other requests' statements still find a connection.
  const inFlight = opts.inFlight ?? Math.max(1, ((db.config as { pool?: { max?: number } }).pool?.max ?? 8) - 2);
  const maxBatch = opts.maxBatch ?? 32;
  const queue: Pending[] = [];
  let out = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || out >= inFlight || !queue.length) return;
    scheduled = true;
    // Reads asked in this turn of the event loop (requests parsed from the same socket reads) leave together.
    setImmediate(() => {
      scheduled = false;
      while (out < inFlight && queue.length) send(queue.splice(0, maxBatch));
    });
  };

  function send(batch: Pending[]) {
    out++;
    const values: unknown[] = [];
    const parts: string[] = [];
    batch.forEach((r, k) => {
      parts.push(`(SELECT ${k} AS ${BATCH_COLUMN}, ${r.sql.replace(/^\s*SELECT\s+/i, '')})`);
      for (const v of r.values) values.push(v);
    });
    const sql = parts.length === 1 ? parts[0].slice(1, -1) : parts.join(' UNION ALL ');
    readRows<Record<string, unknown>>(db, sql, values).then(
      (rows) => {
        const answers: unknown[][] = batch.map(() => []);
        for (const row of rows) answers[row[BATCH_COLUMN] as number].push(row);
        finish();
        batch.forEach((r, k) => r.resolve(answers[k]));
      },
      (err) => {
        finish();
        for (const r of batch) r.reject(err);
      },
    );
  }

  function finish() {
    out--;
    schedule();
  }

  return {
    read<T>(sql: string, values: unknown[]): Promise<T[]> {
      if (!/^\s*SELECT\s/i.test(sql)) throw new Error('batched reads are SELECTs');
      if (isSqlite(db)) return readRows<T>(db, sql, values);
      return new Promise<T[]>((resolve, reject) => {
        queue.push({ sql, values, resolve: resolve as (rows: unknown[]) => void, reject });
        schedule();
      });
    },
  };
}
