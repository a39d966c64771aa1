import { DataTypes, QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { TABLE_OPTIONS } from '../../../platform/db';
import { gramTokenList } from '../../../platform/search/ngrams';
import { applyGramCounts, countGrams, GRAM_DF_TABLE } from '../gram-df';

/**
 * Document frequencies of the name index's tokens (see gram-df.ts), counted here once for
 * the organizations already registered; every later write keeps them in step.
 */
export const up: Migration['up'] = async ({ context: qi, db }) => {
  await qi.createTable(
    GRAM_DF_TABLE,
    {
      gram: { type: DataTypes.STRING(16).BINARY, primaryKey: true },
      n: { type: DataTypes.INTEGER, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  const counts = new Map<string, number>();
  for (let after = 0; ; ) {
    const rows = (await db.query('SELECT id, name FROM social_orgs WHERE id > :after ORDER BY id LIMIT 20000', {
      replacements: { after },
      type: QueryTypes.SELECT,
    })) as { id: number; name: string }[];
    if (!rows.length) break;
    // Bigrams and trigrams, as the table counted then; the next migration adds the longer grams.
    countGrams(
      rows.map((r) => r.name),
      1,
      counts,
      gramTokenList,
    );
    after = Number(rows[rows.length - 1].id);
  }
  await applyGramCounts(db, counts);
};
