import type { Sequelize, Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { readRows } from '../../platform/db/read-rows';
import { ftsQuery, likeEscape, normalizeName, pairColumn } from '../../platform/search/ngrams';
import { applyGramCounts, boundKeys, countGrams, createGramDfCache, createRarestTrigram, matchBound } from './gram-df';
import { addPostings, postingsMatch, removePostings, type PostedOrg } from './name-postings';

/** A SELECT of `id, search_name, uscc` for the organizations that match, with its parameters. */
export interface Candidates {
  sql: string;
  replacements: Record<string, unknown>;
}

/**
 * Keeps the name index in step with social_orgs (same transaction) and turns a name query
 * into SQL that selects exactly the organizations whose normalized name contains it:
 * SQLite's FTS5 trigram table, or on MySQL the inverted index of name-postings.ts.
 */
export function createSearchIndex(db: Sequelize) {
  const sqlite = isSqlite(db);
  const frequencies = createGramDfCache(db);
  const rarestTrigram = createRarestTrigram(db);
  return {
    /** Column values to store on the org row itself. */
    columns: (name: string) => ({ search_name: normalizeName(name) }),
    /**
     * After the org row is written: the gram counts (less the previous name's, on a rename)
     * and the index rows.
     */
    async write(org: PostedOrg, transaction?: Transaction, previousName?: string) {
      const counts = countGrams([org.name]);
      if (previousName !== undefined) countGrams([previousName], -1, counts);
      await applyGramCounts(db, counts, transaction);
      if (!sqlite) {
        if (previousName !== undefined) await removePostings(db, org.id, previousName, transaction);
        await addPostings(db, [org], transaction);
        return;
      }
      const norm = normalizeName(org.name);
      await db.query('DELETE FROM social_orgs_fts WHERE rowid = ?', { replacements: [org.id], transaction });
      await db.query('INSERT INTO social_orgs_fts(rowid, name, pairs) VALUES (?, ?, ?)', {
        replacements: [org.id, norm, pairColumn(norm)],
        transaction,
      });
    },
    /**
     * How many names contain the query, from the counts alone: exactly, for a query of up to
     * PHRASE_MAX characters, else at most. `generation` is the register's version.
     */
    async matchBound(normQuery: string, generation: string): Promise<{ n: number; exact: boolean }> {
      return matchBound(normQuery, await frequencies(boundKeys(normQuery), generation));
    },
    /**
     * MySQL's index is cheap to ask even when a fragment has no match or too many (its count
     * comes along, and the look-up stops at MAX_CANDIDATES + 1): there, asking the counts
     * first would only add a round trip.
     */
    countsFirst: sqlite,
    /** The organizations whose normalized name contains the normalized query and meet `filters` (on `o`). */
    async nameMatch(normQuery: string, filters: string[]): Promise<Candidates> {
      if (!sqlite)
        return postingsMatch(
          normQuery,
          [...normQuery].length > 2 ? await rarestTrigram(normQuery) : undefined,
          filters,
        );
      // The index finds candidates; LIKE on the normalized name confirms the exact substring.
      return {
        sql: `SELECT o.id, o.search_name, o.uscc FROM social_orgs_fts JOIN social_orgs o ON o.id = social_orgs_fts.rowid
              WHERE social_orgs_fts MATCH :match AND o.search_name LIKE :like ESCAPE '!'${filters.map((f) => ` AND ${f}`).join('')}`,
        replacements: { match: ftsQuery(normQuery), like: `%${likeEscape(normQuery)}%` },
      };
    },
    /** SQL for a text column's length in characters. */
    charLength: (column: string) => (sqlite ? `length(${column})` : `CHAR_LENGTH(${column})`),
    select: <T>(sql: string, params: Record<string, unknown>): Promise<T[]> => readRows<T>(db, sql, params),
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
