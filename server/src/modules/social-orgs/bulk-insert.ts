import { QueryTypes, type Sequelize } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { CREDIT_LISTS, LIST_REASONS } from './views';
import { normalizeName, pairColumn } from '../../platform/search/ngrams';
import { addPostings } from './name-postings';
import type { SyntheticOrg } from './synthetic';
import { applyGramCounts, countGrams } from './gram-df';

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
      const row = [
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
        now,
        now,
      ];
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
