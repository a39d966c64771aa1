import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { ftsQuery, gramTokens, likeEscape, normalizeName, pairColumn, queryTokens, requireAll } from '../../platform/search/ngrams';
import { applyGramCounts, boundKeys, chooseTokens, countGrams, createGramDfCache, matchBound } from './gram-df';

/**
 * Keeps the name index in step with social_orgs (same transaction) and turns a name query
 * into SQL that selects exactly the organizations whose normalized name contains it.
 */
export function createSearchIndex(db: Sequelize) {
  const sqlite = isSqlite(db);
  const frequencies = createGramDfCache(db);
  return {
    /** Column values to store on the org row itself (MySQL keeps its tokens there). */
    columns(name: string) {
      const norm = normalizeName(name);
      return { search_name: norm, name_grams: sqlite ? null : gramTokens(norm) };
    },
    /**
     * After the org row is written: the token counts (less the previous name's, on a rename)
     * and, on SQLite, the separate FTS5 row.
     */
    async write(orgId: number, name: string, transaction?: Transaction, previousName?: string) {
      const counts = countGrams([name]);
      if (previousName !== undefined) countGrams([previousName], -1, counts);
      await applyGramCounts(db, counts, transaction);
      if (!sqlite) return;
      const norm = normalizeName(name);
      await db.query('DELETE FROM social_orgs_fts WHERE rowid = ?', { replacements: [orgId], transaction });
      await db.query('INSERT INTO social_orgs_fts(rowid, name, pairs) VALUES (?, ?, ?)', {
        replacements: [orgId, norm, pairColumn(norm)],
        transaction,
      });
    },
    /**
     * How many names contain the query, from the counts alone: exactly, for a query of up to
     * PHRASE_MAX characters, else at most. `generation` is the register's version.
     */
    async matchBound(normQuery: string, generation: string): Promise<{ n: number; exact: boolean }> {
      // The trigram counts come along in the same read: nameMatch will want them.
      const keys = [...boundKeys(normQuery), ...(sqlite ? [] : queryTokens(normQuery))];
      return matchBound(normQuery, await frequencies(keys, generation));
    },
    /**
     * FROM + WHERE for orgs whose normalized name contains the normalized query; `expect` is
     * the exact number of names that do, when known (0 when not).
     */
    async nameMatch(normQuery: string, generation: string, expect = 0): Promise<{ from: string; where: string; replacements: Record<string, string> }> {
      // MySQL reads the posting list of every token it is asked for: only the rarest ones.
      const tokens = sqlite ? [] : queryTokens(normQuery);
      const match = sqlite ? ftsQuery(normQuery) : requireAll(chooseTokens(normQuery, await frequencies(tokens, generation), expect));
      const replacements = { match, like: `%${likeEscape(normQuery)}%` };
      // The index finds candidates; LIKE on the normalized name confirms the exact substring.
      return sqlite
        ? { from: 'social_orgs_fts JOIN social_orgs o ON o.id = social_orgs_fts.rowid', where: "social_orgs_fts MATCH :match AND o.search_name LIKE :like ESCAPE '!'", replacements }
        : { from: 'social_orgs o', where: "MATCH(o.name_grams) AGAINST(:match IN BOOLEAN MODE) AND o.search_name LIKE :like ESCAPE '!'", replacements };
    },
    /** SQL for a text column's length in characters. */
    charLength: (column: string) => (sqlite ? `length(${column})` : `CHAR_LENGTH(${column})`),
    async select<T>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
      return db.query(sql, { replacements, type: QueryTypes.SELECT }) as Promise<T[]>;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
