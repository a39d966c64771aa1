import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { phraseKeyList } from '../../../platform/search/ngrams';
import { applyGramCounts, countGrams } from '../gram-df';

/**
 * The df table counted bigrams and trigrams; it now counts every gram of up to PHRASE_MAX
 * characters (gram-df.ts). Counts the longer grams of the organizations already registered,
 * a chunk of names at a time so a large register does not need its counts in memory at once.
 */
export const up: Migration['up'] = async ({ db }) => {
  const CHUNK = 100_000;
  for (let after = 0; ; ) {
    const counts = new Map<string, number>();
    let last = after;
    for (let read = 0; read < CHUNK; ) {
      const rows = (await db.query('SELECT id, name FROM social_orgs WHERE id > :last ORDER BY id LIMIT 20000', {
        replacements: { last },
        type: QueryTypes.SELECT,
      })) as { id: number; name: string }[];
      if (!rows.length) break;
      countGrams(
        rows.map((r) => r.name),
        1,
        counts,
        phraseKeyList,
      );
      last = Number(rows[rows.length - 1].id);
      read += rows.length;
    }
    if (last === after) break;
    await applyGramCounts(db, counts);
    after = last;
  }
};
