import { gramTokens, normalizeText, pairColumn } from '../../platform/search/ngrams';

/**
 * What an article's keyword index holds: its normalized title and digest, one line each (a
 * query has no line breaks, so no word matches across the two), and their n-grams —
 * FULLTEXT tokens on MySQL/MariaDB, bigram pairs on SQLite (its FTS5 table holds the text).
 */
export function articleSearchColumns(sqlite: boolean, title: string, digest: string | null) {
  const parts = [normalizeText(title), normalizeText(digest ?? '')].filter(Boolean);
  return {
    search_text: parts.join('\n'),
    search_terms: sqlite
      ? parts.map(pairColumn).join('')
      : [...new Set(parts.flatMap((part) => gramTokens(part).split(' ')).filter(Boolean))].join(' '),
  };
}
