import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { isSqlite } from '../../platform/db';
import { gramTokenList, ngrams, normalizeName, queryTokens } from '../../platform/search/ngrams';

/**
 * How many organizations' names hold each bigram/trigram token (document frequency), kept
 * in org_gram_df in the same transaction as the names. A name query asks the MySQL index
 * for its rarest trigrams only: the cost of a FULLTEXT lookup is the length of the posting
 * lists it reads, and a common trigram (「训学校」) lists tens of thousands of names. The
 * counts only choose which tokens to ask for; any choice of the query's own tokens finds
 * every match, so a stale count slows a query, never changes its answer.
 */
export const GRAM_DF_TABLE = 'org_gram_df';

/** Token → how many of these names hold it. */
export function countGrams(names: string[], sign: 1 | -1 = 1, into = new Map<string, number>()): Map<string, number> {
  for (const name of names) {
    for (const t of gramTokenList(normalizeName(name))) into.set(t, (into.get(t) ?? 0) + sign);
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

/** Document frequencies for query tokens, cached in-process (they change slowly). */
export function createGramDfCache(db: Sequelize) {
  const cached = new Map<string, { n: number; at: number }>();
  return async function frequencies(tokens: string[]): Promise<Map<string, number>> {
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

/**
 * The tokens to ask the index for. Each one read costs its posting list, but each candidate
 * left costs a row read to confirm it (far dearer): start from the rarest, then add rarer-first
 * the ones that cover characters not covered yet — adjacent trigrams mostly occur together
 * and narrow nothing — unless the list is long (BUDGET) and the candidates already few.
 */
export function chooseTokens(normQuery: string, df: Map<string, number>): string[] {
  const grams = queryGramPositions(normQuery);
  const f = (t: string) => df.get(t) ?? 0;
  const sorted = [...grams].sort((a, b) => f(a.token) - f(b.token) || a.at - b.at);
  const rarest = f(sorted[0].token);
  if (rarest <= FEW) return [sorted[0].token];
  const covered = new Set<number>();
  const chosen: string[] = [];
  for (const g of sorted) {
    if (chosen.length >= MAX_TOKENS || (chosen.length && f(g.token) > Math.max(BUDGET, rarest * 4))) break;
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
const MAX_TOKENS = 4;

function queryGramPositions(normQuery: string): { token: string; at: number; width: number }[] {
  const width = [...normQuery].length === 2 ? 2 : 3;
  return ngrams(normQuery, width).map((g, at) => ({ token: queryTokens(g)[0], at, width }));
}
