import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { booleanQuery, ftsQuery, gramTokens, likeEscape, normalizeName, pairColumn } from '../../platform/search/ngrams';

/**
 * Keeps the name index in step with social_orgs (same transaction) and turns a name query
 * into SQL that selects exactly the organizations whose normalized name contains it.
 */
export function createSearchIndex(db: Sequelize) {
  const sqlite = isSqlite(db);
  return {
    /** Column values to store on the org row itself (MySQL keeps its tokens there). */
    columns(name: string) {
      const norm = normalizeName(name);
      return { search_name: norm, name_grams: sqlite ? null : gramTokens(norm) };
    },
    /** SQLite's FTS5 table is separate: replace the row for this org. */
    async write(orgId: number, name: string, transaction?: Transaction) {
      if (!sqlite) return;
      const norm = normalizeName(name);
      await db.query('DELETE FROM social_orgs_fts WHERE rowid = ?', { replacements: [orgId], transaction });
      await db.query('INSERT INTO social_orgs_fts(rowid, name, pairs) VALUES (?, ?, ?)', {
        replacements: [orgId, norm, pairColumn(norm)],
        transaction,
      });
    },
    /** FROM + WHERE for orgs whose normalized name contains the normalized query. */
    nameMatch(normQuery: string): { from: string; where: string; replacements: Record<string, string> } {
      const replacements = { match: sqlite ? ftsQuery(normQuery) : booleanQuery(normQuery), like: `%${likeEscape(normQuery)}%` };
      // The index finds candidates; LIKE on the normalized name confirms the exact substring.
      return sqlite
        ? { from: 'social_orgs_fts JOIN social_orgs o ON o.id = social_orgs_fts.rowid', where: "social_orgs_fts MATCH :match AND o.search_name LIKE :like ESCAPE '!'", replacements }
        : { from: 'social_orgs o', where: "MATCH(o.name_grams) AGAINST(:match IN BOOLEAN MODE) AND o.search_name LIKE :like ESCAPE '!'", replacements };
    },
    async select<T>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
      return db.query(sql, { replacements, type: QueryTypes.SELECT }) as Promise<T[]>;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
