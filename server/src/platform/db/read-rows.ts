import { QueryTypes, type Sequelize } from 'sequelize';
import { isSqlite } from './index';

interface MysqlConnection {
  query(
    options: { sql: string; namedPlaceholders: boolean; values: Record<string, unknown> | unknown[] },
    callback: (err: Error | null, rows: unknown) => void,
  ): void;
}

/**
 * Rows of a read-only SELECT with `:named` parameters (an object; arrays become lists) or `?`
 * ones (an array, in order), as db.query with QueryTypes.SELECT and the same replacements
 * returns them. On MySQL it runs on one of Sequelize's pooled connections through mysql2
 * directly (the connection's own type casting, so the values come back as Sequelize's do):
 * Sequelize's own path (parameter substitution over the whole SQL text, result building) cost
 * more Node time than the hottest queries themselves. On SQLite it is Sequelize's db.query.
 * Not for anything in a transaction.
 */
export async function readRows<T>(
  db: Sequelize,
  sql: string,
  params: Record<string, unknown> | unknown[],
): Promise<T[]> {
  if (isSqlite(db)) return db.query(sql, { replacements: params, type: QueryTypes.SELECT }) as Promise<T[]>;
  const conn = (await db.connectionManager.getConnection({ type: 'read' })) as unknown as MysqlConnection;
  try {
    return await new Promise<T[]>((resolve, reject) =>
      conn.query({ sql, namedPlaceholders: !Array.isArray(params), values: params }, (err, rows) =>
        err ? reject(err) : resolve(rows as T[]),
      ),
    );
  } finally {
    db.connectionManager.releaseConnection(conn as never);
  }
}
