import type { Sequelize, Transaction } from 'sequelize';
import { likeEscape, normalizeName, pairPostings, postingTokens } from '../../platform/search/ngrams';

/**
 * The name index on MySQL/MariaDB: an inverted index kept as an ordinary InnoDB table, one row
 * per (key, organization) with the normalized name and the credit code beside it. A query reads
 * one key's rows as a range of the primary key, confirms the substring and ranks them from those
 * rows alone; only the page's organizations are then read from social_orgs.
 *
 * Why not a FULLTEXT index: InnoDB's full-text search costs ~6 µs for every document it
 * returns (the doc-id → row look-ups, even for COUNT(*)), and a name query returns up to a
 * thousand; the same work as a primary-key range costs ~0.3 µs a row: 5× less database time per
 * search, measured over the bench's queries (README, "Name search").
 */
export const POSTINGS_TABLE = 'org_name_postings';

export interface PostedOrg {
  id: number;
  uscc: string;
  name: string;
}

const ROWS_PER_INSERT = 5000;

/** Files the organizations under every key of their names (new organizations, or new names). */
export async function addPostings(db: Sequelize, orgs: PostedOrg[], transaction?: Transaction): Promise<void> {
  const rows: string[] = [];
  for (const o of orgs) {
    const norm = normalizeName(o.name);
    const tail = `,${Math.trunc(o.id)},${db.escape(norm)},${db.escape(o.uscc)})`;
    for (const key of postingTokens(norm)) rows.push(`(${db.escape(key)}${tail}`);
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db.query(
      `INSERT INTO ${POSTINGS_TABLE} (token, org_id, search_name, uscc) VALUES ${rows.slice(i, i + ROWS_PER_INSERT).join(',')}`,
      { transaction },
    );
  }
}

/** Takes an organization out from under the keys of a name it no longer bears. */
export async function removePostings(
  db: Sequelize,
  orgId: number,
  name: string,
  transaction?: Transaction,
): Promise<void> {
  const keys = postingTokens(normalizeName(name));
  if (!keys.length) return;
  await db.query(`DELETE FROM ${POSTINGS_TABLE} WHERE org_id = :orgId AND token IN (:keys)`, {
    replacements: { orgId, keys },
    transaction,
  });
}

/**
 * SELECT id, search_name, uscc of the organizations whose normalized name contains the query.
 * A two-character query reads the trigram keys that start with it and its ending key; a longer
 * one reads the rows of one of its trigrams (the rarest: gram-df.ts) and confirms the whole
 * substring. `filters` (conditions on social_orgs `o`) join the organizations' own rows.
 */
export function postingsMatch(
  normQuery: string,
  trigram: string | undefined,
  filters: string[],
): { sql: string; replacements: Record<string, unknown> } {
  const join = filters.length ? ` JOIN social_orgs o ON o.id = g.org_id` : '';
  const and = filters.map((f) => ` AND ${f}`).join('');
  if (!trigram) {
    // A name can hold the pair twice: once per organization.
    const { prefix, ending } = pairPostings(normQuery);
    return {
      sql: `SELECT DISTINCT g.org_id AS id, g.search_name, g.uscc FROM ${POSTINGS_TABLE} g${join} WHERE (g.token LIKE :prefix OR g.token = :ending)${and}`,
      replacements: { prefix: `${prefix}%`, ending },
    };
  }
  return {
    sql: `SELECT g.org_id AS id, g.search_name, g.uscc FROM ${POSTINGS_TABLE} g${join} WHERE g.token = :token AND g.search_name LIKE :like ESCAPE '!'${and}`,
    replacements: { token: trigram, like: `%${likeEscape(normQuery)}%` },
  };
}
