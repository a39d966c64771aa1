import { QueryTypes, type Sequelize } from 'sequelize';
import { isSqlite } from './index';

interface MysqlConnection {
  query(
    options: { sql: string; namedPlaceholders: boolean; values: Record<string, unknown> },
    callback: (err: Error | null, rows: unknown) => void,
  ): void;
}

/**
 * Rows of a read-only SELECT with `:named` parameters (arrays become lists), as db.query with
 * QueryTypes.SELECT returns them. On MySQL it runs on one of Sequelize's pooled connections
 * through mysql2 directly: Sequelize's own path (parameter substitution over the whole SQL
 * text, result building) cost more Node time than the hottest queries themselves. Not for
 * anything in a transaction.
 */
export async function readRows<T>(db: Sequelize, sql: string, params: Record<string, unknown>): Promise<T[]> {
  if (isSqlite(db)) return db.query(sql, { replacements: params, type: QueryTypes.SELECT }) as Promise<T[]>;
  const conn = (await db.connectionManager.getConnection({ type: 'read' })) as unknown as MysqlConnection;
  try {
    return await new Promise<T[]>((resolve, reject) =>
      conn.query({ sql, namedPlaceholders: true, values: params }, (err, rows) =>
        err ? reject(err) : resolve(rows as T[]),
      ),
    );
  } finally {
    db.connectionManager.releaseConnection(conn as never);
  }
}
