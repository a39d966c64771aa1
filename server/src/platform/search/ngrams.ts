/**
 * Substring search over Chinese text through an index, the same on both backends: both
 * search the same normalized text (NFKC, lower case, no whitespace) so they agree on every
 * answer (the organization register's names, the matrix feed's titles and digests):
 *  - SQLite: an FTS5 table with the trigram tokenizer over that text, plus a column of its
 *    bigrams each closed by `|`, so a two-character query is a trigram lookup too.
 *  - MySQL/MariaDB: ASCII tokens, one per bigram and per trigram of the text (b…/t… +
 *    base-36 code points, fixed width, so a pair's trigrams share a prefix): in a FULLTEXT
 *    index over a column of them (the matrix feed; MariaDB has no ngram parser, and these
 *    tokens are 9 and 13 characters, never stopwords), or as the keys of a B-tree inverted
 *    index (the organization register, name-postings.ts).
 * The index finds candidates; an exact substring test on the normalized text confirms them.
 */
export const normalizeText = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
/** The organization register's name for normalizeText. */
export const normalizeName = normalizeText;

const chars = (s: string) => [...s];
const code36 = (c: string) => c.codePointAt(0)!.toString(36).padStart(4, '0');

export function ngrams(text: string, n: number): string[] {
  const cs = chars(text);
  const out: string[] = [];
  for (let i = 0; i + n <= cs.length; i++) out.push(cs.slice(i, i + n).join(''));
  return out;
}

const token = (gram: string) => (chars(gram).length === 2 ? 'b' : 't') + chars(gram).map(code36).join('');

// Code points in base 36, kept: a name's keys are built from these (a load seeds millions of names).
const code36s = new Map<number, string>();
function codes36Of(cs: string[]): string[] {
  return cs.map((c) => {
    const cp = c.codePointAt(0)!;
    let s = code36s.get(cp);
    if (s === undefined) code36s.set(cp, (s = code36(c)));
    return s;
  });
}

/** The distinct bigram and trigram tokens of a normalized text. */
export function gramTokenList(norm: string): string[] {
  return gramTokensOf(codes36Of(chars(norm)));
}

function gramTokensOf(c: string[]): string[] {
  const keys = new Set<string>();
  for (let i = 0; i + 2 <= c.length; i++) keys.add(`b${c[i]}${c[i + 1]}`);
  for (let i = 0; i + 3 <= c.length; i++) keys.add(`t${c[i]}${c[i + 1]}${c[i + 2]}`);
  return [...keys];
}

/** The longest gram whose document frequency is counted (gram-df.ts): a query this short is counted exactly. */
export const PHRASE_MAX = 8;

/**
 * A 53-bit hash (cyrb53) in base 36: the key of a 4…PHRASE_MAX-character gram, which is only
 * ever counted, never looked up in an index; short enough for the df table's key column.
 */
function phraseHash(gram: string, from = 0, to = gram.length): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = from; i < to; i++) {
    const c = gram.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0));
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const DIGIT_PAIRS = Array.from({ length: 36 * 36 }, (_, i) => DIGITS[Math.floor(i / 36)] + DIGITS[i % 36]);

/** `v.toString(36)` for a whole number below 2^53, two digits a step: V8's own is ~6× slower on these. */
function base36(v: number): string {
  let s = '';
  while (v >= 1296) {
    const q = Math.floor(v / 1296);
    s = DIGIT_PAIRS[v - q * 1296] + s;
    v = q;
  }
  return (v >= 36 ? DIGIT_PAIRS[v] : DIGITS[v]) + s;
}

/** The df key of any gram: the index token of a bigram or trigram, a hash of a longer one. */
export const gramKey = (gram: string) => (chars(gram).length <= 3 ? token(gram) : `h${phraseHash(gram)}`);

/** The distinct keys of every 4…PHRASE_MAX-character gram of a normalized text. */
export function phraseKeyList(norm: string): string[] {
  return phraseKeysOf(norm, chars(norm));
}

function phraseKeysOf(norm: string, cs: string[]): string[] {
  // Each gram hashed where it lies in the text (UTF-16 offsets of its characters): no substrings.
  const at = [0];
  for (const c of cs) at.push(at[at.length - 1] + c.length);
  const keys = new Set<string>();
  for (let n = 4; n <= PHRASE_MAX; n++)
    for (let i = 0; i + n <= cs.length; i++) keys.add(`h${phraseHash(norm, at[i], at[i + n])}`);
  return [...keys];
}

/** The distinct keys of every 2…PHRASE_MAX-character gram of a normalized text. */
export function gramKeyList(norm: string): string[] {
  const cs = chars(norm);
  return [...gramTokensOf(codes36Of(cs)), ...phraseKeysOf(norm, cs)];
}

/** MySQL: the FULLTEXT column's content for a normalized text (the matrix feed). */
export function gramTokens(norm: string): string {
  return gramTokenList(norm).join(' ');
}

/**
 * The tokens any text containing the query must hold: its one bigram when it has two
 * characters, else its trigrams (a bigram is never rarer than a trigram that contains it).
 */
export function queryTokens(normQuery: string): string[] {
  return chars(normQuery).length === 2 ? [token(normQuery)] : [...new Set(ngrams(normQuery, 3).map(token))];
}

/**
 * MySQL: the keys a name is filed under in the organization register's name index: its
 * trigrams, and its last two characters as an ending (`e…`). Every occurrence of a pair of
 * characters starts a trigram or ends the name, so a two-character query is the range of
 * trigram keys that start with it plus one ending key.
 */
export function postingTokens(norm: string): string[] {
  const cs = chars(norm);
  const keys = new Set(ngrams(norm, 3).map(token));
  if (cs.length >= 2) keys.add(`e${cs.slice(-2).map(code36).join('')}`);
  return [...keys];
}

/** MySQL: where a two-character query's names are filed (see postingTokens). */
export function pairPostings(normPair: string): { prefix: string; ending: string } {
  const code = chars(normPair).map(code36).join('');
  return { prefix: `t${code}`, ending: `e${code}` };
}

/** SQLite: the bigram column's content (`红十|十字|…`). */
export function pairColumn(norm: string): string {
  return ngrams(norm, 2)
    .map((g) => `${g}|`)
    .join('');
}

/**
 * MySQL: a BOOLEAN MODE query requiring the one bigram of a two-character query, or
 * trigrams that cover every character of a longer one (every third, and the last): as
 * selective as all of them once the substring test confirms, with a third of the posting
 * lists to read.
 */
export function booleanQuery(normQuery: string): string {
  if (chars(normQuery).length === 2) return `+${token(normQuery)}`;
  const all = ngrams(normQuery, 3);
  const cover = all.filter((_, i) => i % 3 === 0 || i === all.length - 1);
  return [...new Set(cover.map(token))].map((t) => `+${t}`).join(' ');
}

/** SQLite: an FTS5 MATCH expression for the query (a phrase in the text or the pairs column). */
export function ftsQuery(
  normQuery: string,
  columns: { text: string; pairs: string } = { text: 'name', pairs: 'pairs' },
): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return chars(normQuery).length === 2
    ? `${columns.pairs} : ${quote(`${normQuery}|`)}`
    : `${columns.text} : ${quote(normQuery)}`;
}

/**
 * `%text%` for a plain LIKE (no ESCAPE clause) over a short name column: the wildcard and escape
 * characters are dropped rather than escaped; null when nothing is left to look for.
 */
export function containsPattern(text: string): string | null {
  const safe = text.replace(/[%_!\\]/g, '').trim();
  return safe ? `%${safe}%` : null;
}

/** LIKE patterns with `!` as the escape character (same on both backends). */
export const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);
