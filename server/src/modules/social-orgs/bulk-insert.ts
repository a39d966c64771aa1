import { QueryTypes, type Sequelize } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { CREDIT_LISTS, LIST_REASONS } from './views';
import { escape as mysqlEscape } from 'mysql2';
import { gramKeyList, normalizeName, pairColumn, postingTokens } from '../../platform/search/ngrams';
import { addPostings, POSTINGS_TABLE } from './name-postings';
import type { SyntheticOrg } from './synthetic';
import { applyGramCounts, countGrams, GRAM_DF_TABLE } from './gram-df';

const ORG_COLS = [
  'uscc',
  'name',
  'search_name',
  'type',
  'authority',
  'authority_level',
  'division_code',
  'supervisor',
  'legal_rep',
  'registered_at',
  'registered_capital',
  'address',
  'business_scope',
  'cert_valid_from',
  'cert_valid_to',
  'status',
  'credit_status',
  'created_at',
  'updated_at',
];

/** An organization's values in ORG_COLS' order, up to credit_status (the timestamps follow). */
const orgValues = (o: SyntheticOrg, norm: string) => [
  o.uscc,
  o.name,
  norm,
  o.type,
  o.authority,
  o.authority_level,
  o.division_code,
  o.supervisor,
  o.legal_rep,
  o.registered_at,
  o.registered_capital,
  o.address,
  o.business_scope,
  o.cert_valid_from,
  o.cert_valid_to,
  o.status,
  o.credit_status,
];

/**
 * Writes many organizations (with their name index rows and list entries) in one transaction
 * with multi-row INSERTs: the load seed and the search tests use it. Not for the HTTP path,
 * which goes through the use cases and their audit. A large load passes `gramCounts` to gather
 * the names' gram counts and applies them itself, once per many batches (applyGramCounts).
 */
export async function bulkInsertOrgs(
  db: Sequelize,
  orgs: SyntheticOrg[],
  gramCounts?: Map<string, number>,
): Promise<void> {
  if (!orgs.length) return;
  const sqlite = isSqlite(db);
  const e = (v: unknown) => (v === null || v === undefined ? 'NULL' : db.escape(v as string));
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  await db.transaction(async (transaction) => {
    const values = orgs.map((o) => {
      const norm = normalizeName(o.name);
      const row = [...orgValues(o, norm), now, now];
      return `(${row.map(e).join(',')})`;
    });
    await db.query(`INSERT INTO social_orgs (${ORG_COLS.join(',')}) VALUES ${values.join(',')}`, { transaction });
    const ids = (await db.query(
      `SELECT id, uscc FROM social_orgs WHERE uscc IN (${orgs.map((o) => e(o.uscc)).join(',')})`,
      { type: QueryTypes.SELECT, transaction },
    )) as { id: number; uscc: string }[];
    const idOf = new Map(ids.map((r) => [r.uscc, Number(r.id)]));
    if (sqlite) {
      const fts = orgs.map((o) => {
        const norm = normalizeName(o.name);
        return `(${idOf.get(o.uscc)},${e(norm)},${e(pairColumn(norm))})`;
      });
      await db.query(`INSERT INTO social_orgs_fts (rowid, name, pairs) VALUES ${fts.join(',')}`, { transaction });
    } else {
      await addPostings(
        db,
        orgs.map((o) => ({ id: idOf.get(o.uscc)!, uscc: o.uscc, name: o.name })),
        transaction,
      );
    }
    if (gramCounts)
      countGrams(
        orgs.map((o) => o.name),
        1,
        gramCounts,
      );
    else await applyGramCounts(db, countGrams(orgs.map((o) => o.name)), transaction);
    const listed = orgs.filter((o) => o.entry);
    if (listed.length) {
      const rows = listed.map((o) => {
        const x = o.entry!;
        const reason = (LIST_REASONS[x.list] as Record<string, string>)[x.reason_category];
        return `(${[idOf.get(o.uscc), x.list, x.reason_category, `${CREDIT_LISTS[x.list]}：${reason}`, x.decision_no, o.authority, x.date_in, x.correction_required ? 1 : 0, 'seed', now, now].map(e).join(',')})`;
      });
      await db.query(
        `INSERT INTO org_credit_entries (org_id, list, reason_category, reason, decision_no, authority, date_in, correction_required, created_by, created_at, updated_at) VALUES ${rows.join(',')}`,
        { transaction },
      );
    }
  });
}

interface RawConnection {
  query(sql: string, callback: (err: Error | null, rows: unknown) => void): void;
  config: { queryFormat?: (sql: string) => string };
}

/** How many organizations go in one transaction of a large load. */
const LOAD_BATCH = 5000;
/** Rows per INSERT statement of a large load (~1 MB of SQL: well under max_allowed_packet). */
const LOAD_ROWS_PER_INSERT = 10_000;
/** Below this many new organizations a load keeps the indexes as they are. */
const DEFER_INDEXES_FROM = 50_000;

/**
 * MySQL/MariaDB: a large load of synthetic organizations (the `seed:orgs` CLI), the same rows
 * bulkInsertOrgs writes — organizations (ids from `firstId` on), their name index rows, list
 * entries and gram counts — a million in minutes rather than an hour:
 *  - one connection, multi-row INSERTs of thousands of rows, one transaction per LOAD_BATCH
 *    organizations, the next batch built while the database writes the last;
 *  - when the load at least doubles the register, the secondary indexes of social_orgs and the
 *    primary key of the name index are dropped first and built once at the end from sorted
 *    rows (random inserts into B-trees larger than the buffer pool were most of the hour);
 *  - the gram counts summed over the whole load in memory and written once, in key order.
 * Not for a running register: while it loads, look-ups by code and name searches scan.
 */
export async function loadOrgs(
  db: Sequelize,
  count: number,
  make: (serial: number) => SyntheticOrg,
  { firstId, firstSerial, progress }: { firstId: number; firstSerial: number; progress?: (done: number) => void },
): Promise<void> {
  const literal = (v: string | number | null | undefined) => (v === null || v === undefined ? 'NULL' : mysqlEscape(v));
  const manager = db.connectionManager as unknown as {
    getConnection(o: { type: string }): Promise<RawConnection>;
    releaseConnection(c: RawConnection): void;
  };
  const conn = await manager.getConnection({ type: 'write' });
  const q = <T = unknown>(sql: string) =>
    new Promise<T>((resolve, reject) => conn.query(sql, (err, rows) => (err ? reject(err) : resolve(rows as T))));
  const now = literal(new Date().toISOString().slice(0, 19).replace('T', ' '));
  // The SQL is escaped text already: mysql2's scan of every statement for placeholders (megabytes
  // each) is skipped on this connection while it loads.
  const queryFormat = conn.config.queryFormat;
  conn.config.queryFormat = (sql: string) => sql;
  try {
    await q('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const [{ n: existing }] = await q<{ n: number }[]>('SELECT COUNT(*) AS n FROM social_orgs');
    const deferred = count >= DEFER_INDEXES_FROM && count >= Number(existing) ? await dropIndexes(q) : undefined;
    try {
      // Gram counts by the key's first two characters (ASCII): each map stays well below a
      // Map's limit (2^24 entries), and the maps in order are the keys in order.
      const grams: Map<string, number>[] = [];
      let inFlight: Promise<unknown> = Promise.resolve();
      for (let done = 0; done < count; ) {
        const n = Math.min(LOAD_BATCH, count - done);
        const orgRows: string[] = [];
        const postings: string[] = [];
        const entries: string[] = [];
        for (let i = 0; i < n; i++) {
          const o = make(firstSerial + done + i);
          const id = firstId + done + i;
          const norm = normalizeName(o.name);
          const row = [id, ...orgValues(o, norm)];
          orgRows.push(`(${row.map(literal).join(',')},${now},${now})`);
          const tail = `,${id},${literal(norm)},${literal(o.uscc)})`;
          for (const key of postingTokens(norm)) postings.push(`('${key}'${tail}`);
          for (const key of gramKeyList(norm)) {
            const shard = key.charCodeAt(0) * 128 + key.charCodeAt(1);
            const counts = grams[shard] ?? (grams[shard] = new Map());
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          if (o.entry) {
            const x = o.entry;
            const reason = (LIST_REASONS[x.list] as Record<string, string>)[x.reason_category];
            const values = [id, x.list, x.reason_category, `${CREDIT_LISTS[x.list]}：${reason}`, x.decision_no];
            entries.push(
              `(${[...values, o.authority, x.date_in, x.correction_required ? 1 : 0, 'seed'].map(literal).join(',')},${now},${now})`,
            );
          }
        }
        await inFlight; // the database writes batch k while batch k+1 is built
        const statements = [
          'START TRANSACTION',
          `INSERT INTO social_orgs (id,${ORG_COLS.join(',')}) VALUES ${orgRows.join(',')}`,
          ...chunks(postings).map(
            (rows) => `INSERT INTO ${POSTINGS_TABLE} (token, org_id, search_name, uscc) VALUES ${rows}`,
          ),
          ...(entries.length
            ? [
                `INSERT INTO org_credit_entries (org_id, list, reason_category, reason, decision_no, authority, date_in, correction_required, created_by, created_at, updated_at) VALUES ${entries.join(',')}`,
              ]
            : []),
          'COMMIT',
        ];
        done += n;
        const reached = done;
        inFlight = statements.reduce<Promise<unknown>>((p, sql) => p.then(() => q(sql)), Promise.resolve());
        inFlight.then(() => progress?.(reached)).catch(() => {});
      }
      await inFlight;
      for (let shard = 0; shard < grams.length; shard++) {
        const counts = grams[shard];
        if (!counts) continue;
        const rows = [...counts.keys()].sort().map((k) => `('${k}',${counts.get(k)})`);
        delete grams[shard];
        for (const values of chunks(rows))
          await q(`INSERT INTO ${GRAM_DF_TABLE} (gram, n) VALUES ${values} ON DUPLICATE KEY UPDATE n = n + VALUES(n)`);
      }
    } finally {
      if (deferred) await deferred.restore();
      else await buildMissingIndexes(q);
    }
  } finally {
    await q('SET SESSION unique_checks = 1, foreign_key_checks = 1').catch(() => {});
    conn.config.queryFormat = queryFormat;
    manager.releaseConnection(conn);
  }
}

function chunks(rows: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += LOAD_ROWS_PER_INSERT)
    out.push(rows.slice(i, i + LOAD_ROWS_PER_INSERT).join(','));
  return out;
}

type Query = <T = unknown>(sql: string) => Promise<T>;
interface IndexDef {
  unique: boolean;
  columns: string[];
}

/**
 * social_orgs' secondary indexes as the migrations make them. A load killed while its indexes
 * were dropped (no `finally` runs) leaves them missing: the next load builds them again.
 */
const ORG_INDEXES: Record<string, IndexDef> = {
  uscc: { unique: true, columns: ['uscc'] },
  social_orgs_search_name: { unique: false, columns: ['search_name'] },
  social_orgs_division_code: { unique: false, columns: ['division_code'] },
  social_orgs_credit_status_division_code: { unique: false, columns: ['credit_status', 'division_code'] },
};

async function orgIndexes(q: Query): Promise<Map<string, IndexDef>> {
  const rows = await q<{ Key_name: string; Non_unique: number; Column_name: string; Seq_in_index: number }[]>(
    "SHOW INDEX FROM social_orgs WHERE Key_name <> 'PRIMARY'",
  );
  const indexes = new Map<string, IndexDef>();
  for (const r of [...rows].sort((a, b) => a.Seq_in_index - b.Seq_in_index)) {
    const index = indexes.get(r.Key_name) ?? { unique: Number(r.Non_unique) === 0, columns: [] };
    index.columns.push(r.Column_name);
    indexes.set(r.Key_name, index);
  }
  return indexes;
}

const hasPostingsKey = async (q: Query) =>
  (await q<unknown[]>(`SHOW INDEX FROM ${POSTINGS_TABLE} WHERE Key_name = 'PRIMARY'`)).length > 0;

/**
 * Builds the indexes in `wanted` (and the known ones) that social_orgs lacks, in one ALTER
 * TABLE (InnoDB sorts the rows once: far cheaper than keeping them up row by row), and the name
 * index's primary key when it has none.
 */
async function buildMissingIndexes(q: Query, wanted = new Map<string, IndexDef>()) {
  if (!(await hasPostingsKey(q))) await q(`ALTER TABLE ${POSTINGS_TABLE} ADD PRIMARY KEY (token, org_id)`);
  const present = await orgIndexes(q);
  const missing = [...new Map([...Object.entries(ORG_INDEXES), ...wanted])].filter(([k]) => !present.has(k));
  if (missing.length)
    await q(
      `ALTER TABLE social_orgs ${missing
        .map(
          ([k, x]) => `ADD ${x.unique ? 'UNIQUE ' : ''}INDEX \`${k}\` (${x.columns.map((c) => `\`${c}\``).join(', ')})`,
        )
        .join(', ')}`,
    );
}

/** Drops social_orgs' secondary indexes and the name index's primary key; `restore` builds them again. */
async function dropIndexes(q: Query) {
  const indexes = await orgIndexes(q);
  if (indexes.size)
    await q(`ALTER TABLE social_orgs ${[...indexes.keys()].map((k) => `DROP INDEX \`${k}\``).join(', ')}`);
  if (await hasPostingsKey(q)) await q(`ALTER TABLE ${POSTINGS_TABLE} DROP PRIMARY KEY`);
  return { restore: () => buildMissingIndexes(q, indexes) };
}
