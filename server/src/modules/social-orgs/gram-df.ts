import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { gramKey, gramKeyList, ngrams, normalizeName, PHRASE_MAX, queryTokens } from '../../platform/search/ngrams';

/**
 * How many organizations' names hold each gram of 2…PHRASE_MAX characters (document
 * frequency), kept in org_gram_df in the same transaction as the names. Two uses:
 *  - a query of up to PHRASE_MAX characters is itself a gram, so its count is the exact
 *    number of names that contain it: no match and too many matches are known without
 *    asking the index (which would read a posting list of tens of thousands of names);
 *  - a longer query is bounded by its rarest gram, and the MySQL index is asked for the
 *    rarest trigrams only (a FULLTEXT lookup costs the length of the lists it reads).
 * Counts are read through a per-process cache that retires with the register's version,
 * so a write anywhere is seen here as soon as any cached search answer would be.
 */
export const GRAM_DF_TABLE = 'org_gram_df';

/** Token → how many of these names hold it. */
export function countGrams(names: string[], sign: 1 | -1 = 1, into = new Map<string, number>(), keysOf = gramKeyList): Map<string, number> {
  for (const name of names) {
    for (const t of keysOf(normalizeName(name))) into.set(t, (into.get(t) ?? 0) + sign);
  }
  return into;
}

/** Adds the counts (negative ones remove), in token order so concurrent writers lock alike. */
export async function applyGramCounts(db: Sequelize, counts: Map<string, number>, transaction?: Transaction): Promise<void> {
  const rows = [...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const upsert = isSqlite(db)
    ? (values: string) => `INSERT INTO ${GRAM_DF_TABLE} (gram, n) VALUES ${values} ON CONFLICT(gram) DO UPDATE SET n = n + excluded.n`
    : (values: string) => `INSERT INTO ${GRAM_DF_TABLE} (gram, n) VALUES ${values} ON DUPLICATE KEY UPDATE n = n + VALUES(n)`;
  for (let i = 0; i < rows.length; i += 2000) {
    const values = rows.slice(i, i + 2000).map(([g, n]) => `(${db.escape(g)},${Math.trunc(n)})`).join(',');
    await db.query(upsert(values), { transaction });
  }
}

const TTL_MS = 10 * 60_000;
const MAX_CACHED = 200_000;

/** Document frequencies of grams, cached in-process for one version of the register. */
export function createGramDfCache(db: Sequelize) {
  const cached = new Map<string, { n: number; at: number }>();
  let cachedFor: string | undefined;
  return async function frequencies(tokens: string[], generation: string): Promise<Map<string, number>> {
    if (generation !== cachedFor) {
      cached.clear();
      cachedFor = generation;
    }
    const now = Date.now();
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const t of tokens) {
      const hit = cached.get(t);
      if (hit && now - hit.at < TTL_MS) out.set(t, hit.n);
      else missing.push(t);
    }
    if (missing.length) {
      const rows = (await db.query(`SELECT gram, n FROM ${GRAM_DF_TABLE} WHERE gram IN (:missing)`, {
        replacements: { missing },
        type: QueryTypes.SELECT,
      })) as { gram: string; n: number }[];
      const found = new Map(rows.map((r) => [r.gram, Number(r.n)]));
      if (cached.size + missing.length > MAX_CACHED) cached.clear();
      for (const t of missing) {
        const n = found.get(t) ?? 0;
        cached.set(t, { n, at: now });
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
 * The trigram tokens to ask the MySQL index for, given how many names match (`expect`, an
 * exact count or 0 when unknown). Reading a posting list costs about a microsecond per entry
 * and confirming a candidate row about ten: start from the rarest token, and add a rarer-first
 * token covering characters not yet covered (adjacent trigrams mostly occur together and
 * narrow nothing) only while its list is cheaper than the candidate rows it can save. When the
 * match count is unknown and large, only the rarest: MariaDB intersects long lists slowly
 * (four lists of 50,000–100,000 names take ~400 ms), and a broad query stops after the first
 * MAX_CANDIDATES confirmed rows anyway.
 */
export function chooseTokens(normQuery: string, df: Map<string, number>, expect = 0): string[] {
  const grams = queryGramPositions(normQuery);
  const f = (t: string) => df.get(t) ?? 0;
  const sorted = [...grams].sort((a, b) => f(a.token) - f(b.token) || a.at - b.at);
  const rarest = f(sorted[0].token);
  if (rarest <= FEW || (expect === 0 && rarest > BUDGET)) return [sorted[0].token];
  const worth = Math.min(BUDGET, ROW_COST * (rarest - expect));
  const covered = new Set<number>();
  const chosen: string[] = [];
  for (const g of sorted) {
    if (chosen.length >= MAX_TOKENS || (chosen.length && f(g.token) > worth)) break;
    const span = [...Array(g.width).keys()].map((k) => g.at + k);
    if (chosen.length && span.every((p) => covered.has(p))) continue;
    if (chosen.includes(g.token)) continue;
    chosen.push(g.token);
    span.forEach((p) => covered.add(p));
  }
  return chosen;
}
const FEW = 64;
const BUDGET = 20_000;
/** A candidate row costs about this many posting-list entries. */
const ROW_COST = 10;
const MAX_TOKENS = 3;

function queryGramPositions(normQuery: string): { token: string; at: number; width: number }[] {
  const width = [...normQuery].length === 2 ? 2 : 3;
  return ngrams(normQuery, width).map((g, at) => ({ token: queryTokens(g)[0], at, width }));
}
