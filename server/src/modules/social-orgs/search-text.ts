/**
 * What the name index holds and how a query becomes an index lookup. Both backends search
 * the same normalized text (NFKC, lower case, no whitespace) so they agree on every answer:
 *  - SQLite: an FTS5 table with the trigram tokenizer over that text, plus a column of its
 *    bigrams each closed by `|`, so a two-character query is a trigram lookup too.
 *  - MySQL/MariaDB: a FULLTEXT index over a column of ASCII tokens, one per bigram and per
 *    trigram of the text (b…/t… + base-36 code points). MariaDB has no ngram parser and
 *    innodb_ft_min_token_size is 3; these tokens are 9 and 13 characters, never stopwords.
 */
export const normalizeName = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

const chars = (s: string) => [...s];
const code36 = (c: string) => c.codePointAt(0)!.toString(36).padStart(4, '0');

export function ngrams(text: string, n: number): string[] {
  const cs = chars(text);
  const out: string[] = [];
  for (let i = 0; i + n <= cs.length; i++) out.push(cs.slice(i, i + n).join(''));
  return out;
}

const token = (gram: string) => (chars(gram).length === 2 ? 'b' : 't') + chars(gram).map(code36).join('');

/** MySQL: the FULLTEXT column's content for a normalized name. */
export function gramTokens(norm: string): string {
  return [...new Set([...ngrams(norm, 2), ...ngrams(norm, 3)].map(token))].join(' ');
}

/** SQLite: the bigram column's content (`红十|十字|…`). */
export function pairColumn(norm: string): string {
  return ngrams(norm, 2).map((g) => `${g}|`).join('');
}

/** MySQL: a BOOLEAN MODE query requiring every trigram (or the one bigram) of the query. */
export function booleanQuery(normQuery: string): string {
  const grams = chars(normQuery).length === 2 ? [normQuery] : ngrams(normQuery, 3);
  return [...new Set(grams.map(token))].map((t) => `+${t}`).join(' ');
}

/** SQLite: an FTS5 MATCH expression for the query (a phrase in the right column). */
export function ftsQuery(normQuery: string): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return chars(normQuery).length === 2 ? `pairs : ${quote(`${normQuery}|`)}` : `name : ${quote(normQuery)}`;
}

/** LIKE patterns with `!` as the escape character (same on both backends). */
export const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);
