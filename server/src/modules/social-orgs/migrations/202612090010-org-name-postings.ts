import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { isSqlite } from '../../../platform/db';
import { addPostings, POSTINGS_TABLE } from '../name-postings';

/**
 * MySQL/MariaDB: the name index moves from a FULLTEXT index over a column of gram tokens to an
 * inverted index in a table of its own (name-postings.ts says why). Files the organizations
 * already registered, a chunk at a time, then drops the FULLTEXT index and its column.
 * SQLite keeps its FTS5 table; the column, never filled there, goes too.
 */
export const up: Migration['up'] = async ({ db }) => {
  if (isSqlite(db)) {
    await db.query('ALTER TABLE social_orgs DROP COLUMN name_grams');
    return;
  }
  // Keys typed as org_gram_df's (a query joins the two on them); names compare byte for byte, as search_name does.
  await db.query(`CREATE TABLE ${POSTINGS_TABLE} (
    token VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    org_id INT NOT NULL,
    search_name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    uscc CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (token, org_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  for (let after = 0; ; ) {
    const orgs = (await db.query('SELECT id, uscc, name FROM social_orgs WHERE id > :after ORDER BY id LIMIT 20000', {
      replacements: { after },
      type: QueryTypes.SELECT,
    })) as { id: number; uscc: string; name: string }[];
    if (!orgs.length) break;
    await addPostings(db, orgs);
    after = Number(orgs[orgs.length - 1].id);
  }
  const fulltext = await db.query("SHOW INDEX FROM social_orgs WHERE Key_name = 'social_orgs_name_grams_ft'", {
    type: QueryTypes.SELECT,
  });
  await db.query(
    `ALTER TABLE social_orgs ${fulltext.length ? 'DROP INDEX social_orgs_name_grams_ft, ' : ''}DROP COLUMN name_grams`,
  );
};
