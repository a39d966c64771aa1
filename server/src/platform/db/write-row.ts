import { QueryTypes, type Sequelize, type Transaction, UniqueConstraintError } from 'sequelize';
import { isSqlite } from './index';

interface MysqlConnection {
  query(
    options: { sql: string; namedPlaceholders: boolean; values: unknown[] },
    callback: (
      err: (Error & { errno?: number; sql: string }) | null,
      result: { insertId?: number; affectedRows?: number },
    ) => void,
  ): void;
}

/** What a write statement did: the new row's id (an INSERT's) and how many rows it touched. */
export interface Written {
  insertId: number;
  affectedRows: number;
}

/**
 * One parameterised INSERT, UPDATE or DELETE (`?` placeholders, values in order) inside `t`.
 * On MySQL it runs on the transaction's own connection through mysql2 directly (mysql2's
 * escaping, the connection's time zone, as Sequelize's writes): a model's create builds an
 * instance, validates it and runs hooks, and Sequelize's query path formats and parses around
 * the statement — more Node time than the statement itself on a hot write path. A duplicate
 * key comes back as Sequelize's UniqueConstraintError, as it does from a model. On SQLite it is
 * db.query in `t` with the same replacements. Write only columns whose values need no model
 * conversion (numbers, strings, booleans, Dates, null).
 */
export async function writeRow(db: Sequelize, t: Transaction, sql: string, params: unknown[]): Promise<Written> {
  if (isSqlite(db)) {
    // UPDATE's answer is [, changes] for a DELETE too: Sequelize reads the type, not the SQL.
    const type = /^\s*insert/i.test(sql) ? QueryTypes.INSERT : QueryTypes.UPDATE;
    const [id, changes] = (await db.query(sql, { replacements: params, transaction: t, type })) as unknown as [
      number,
      number,
    ];
    return { insertId: type === QueryTypes.INSERT ? Number(id) : 0, affectedRows: Number(changes) };
  }
  const conn = (t as unknown as { connection: MysqlConnection }).connection;
  return new Promise<Written>((resolve, reject) =>
    conn.query({ sql, namedPlaceholders: false, values: params }, (err, result) => {
      if (err) {
        reject(err.errno === 1062 ? new UniqueConstraintError({ message: err.message, parent: err }) : err);
        return;
      }
      resolve({ insertId: Number(result.insertId ?? 0), affectedRows: Number(result.affectedRows ?? 0) });
    }),
  );
}
