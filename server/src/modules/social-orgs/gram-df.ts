import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { createMemo } from '../../platform/cache';
import { isSqlite } from '../../platform/db';
import { gramKey, gramKeyList, ngrams, normalizeName, PHRASE_MAX, queryTokens } from '../../platform/search/ngrams';

/**
 * How many organizations' names hold each gram of 2…PHRASE_MAX characters (document
 * frequency), kept in org_gram_df in the same transaction as the names. Two uses:
 *  - a query of up to PHRASE_MAX characters is itself a gram, so its count is the exact
 *    number of names that contain it: no match and too many matches are known without
 *    asking the index (which would read a posting list of tens of thousands of names);
 *  - a longer query is bounded by its rarest gram; on MySQL the name index is read under the
 *    query's rarest trigram (a look-up costs the number of rows it reads).
 * Counts are read through a per-process cache that retires with the register's version,
 * so a write anywhere is seen here as soon as any cached search answer would be.
 */
export const GRAM_DF_TABLE = 'org_gram_df';

/** Token → how many of these names hold it. */
export function countGrams(
  names: string[],
  sign: 1 | -1 = 1,
  into = new Map<string, number>(),
  keysOf = gramKeyList,
): Map<string, number> {
  for (const name of names) {
    for (const t of keysOf(normalizeName(name))) into.set(t, (into.get(t) ?? 0) + sign);
  }
  return into;
}

/** Adds the counts (negative ones remove), in token order so concurrent writers lock alike. */
export async function applyGramCounts(
  db: Sequelize,
  counts: Map<string, number>,
  transaction?: Transaction,
): Promise<void> {
  const rows = [...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const upsert = isSqlite(db)
    ? (values: string) =>
        `INSERT INTO ${GRAM_DF_TABLE} (gram, n) VALUES ${values} ON CONFLICT(gram) DO UPDATE SET n = n + excluded.n`
    : (values: string) =>
        `INSERT INTO ${GRAM_DF_TABLE} (gram, n) VALUES ${values} ON DUPLICATE KEY UPDATE n = n + VALUES(n)`;
  for (let i = 0; i < rows.length; i += 2000) {
    const values = rows
      .slice(i, i + 2000)
      .map(([g, n]) => `(${db.escape(g)},${Math.trunc(n)})`)
      .join(',');
    await db.query(upsert(values), { transaction });
  }
}

const TTL_MS = 10 * 60_000;
const MAX_CACHED = 200_000;

/** Document frequencies of grams, cached in-process for one version of the register. */
export function createGramDfCache(db: Sequelize) {
  const cached = createMemo<number>(TTL_MS, MAX_CACHED);
  let cachedFor: string | undefined;
  return async function frequencies(tokens: string[], generation: string): Promise<Map<string, number>> {
    if (generation !== cachedFor) {
      cached.forget();
      cachedFor = generation;
    }
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const t of tokens) {
      const n = cached.peek(t);
      if (n !== undefined) out.set(t, n);
      else missing.push(t);
    }
    if (missing.length) {
      const rows = (await db.query(`SELECT gram, n FROM ${GRAM_DF_TABLE} WHERE gram IN (:missing)`, {
        replacements: { missing },
        type: QueryTypes.SELECT,
      })) as { gram: string; n: number }[];
      const found = new Map(rows.map((r) => [r.gram, Number(r.n)]));
      for (const t of missing) {
        const n = found.get(t) ?? 0;
        cached.set(t, n);
        out.set(t, n);
      }
    }
    return out;
  };
}

/** The keys whose counts tell how many names can contain the query (see matchBound). */
export function boundKeys(normQuery: string): string[] {
  const len = [...normQuery].length;
  return len <= PHRASE_MAX ? [gramKey(normQuery)] : [...new Set(ngrams(normQuery, PHRASE_MAX).map(gramKey))];
}

/**
 * At most this many names contain the query; exactly this many when the query is short
 * enough to be counted itself (exact), since a name's grams are counted once per name.
 */
export function matchBound(normQuery: string, df: Map<string, number>): { n: number; exact: boolean } {
  const n = Math.min(...boundKeys(normQuery).map((k) => df.get(k) ?? 0));
  return { n, exact: [...normQuery].length <= PHRASE_MAX };
}

/**
 * MySQL: which of a query's trigrams to read the name index under: the rarest, by counts kept
 * in this process for up to TTL_MS whatever the writes. A stale count can only make a look-up
 * dearer, never its answer wrong: the index rows are read fresh and the substring confirmed.
 */
export function createRarestTrigram(db: Sequelize) {
  const counts = createGramDfCache(db);
  return async function rarestTrigram(normQuery: string): Promise<string> {
    const tokens = queryTokens(normQuery);
    const df = await counts(tokens, 'any version');
    return tokens.reduce((best, t) => ((df.get(t) ?? 0) < (df.get(best) ?? 0) ? t : best));
  };
}
