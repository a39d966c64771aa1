import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { isSqlite } from '../../../platform/db';
import { articleSearchColumns } from '../search-columns';

/**
 * The feed's keyword search through an index instead of a scan of every article, and paging
 * that walks an index in the feed's order (pinned, newest) whatever the filters:
 *  - search_text: the normalized title and digest (platform/search/ngrams.ts), where a word is
 *    confirmed; search_terms: their n-grams for the index — FULLTEXT tokens on MySQL/MariaDB,
 *    bigram pairs on SQLite, whose FTS5 trigram table triggers keep in step with the rows.
 *  - (hidden, deleted_at, pinned, published_at, id, member_id) for the whole feed and region
 *    or category filters (members checked inside the index), (member_id, …) for one member.
 */
export const up: Migration['up'] = async ({ context: qi, db }) => {
  const sqlite = isSqlite(db);
  if (sqlite) {
    await db.query('ALTER TABLE matrix_articles ADD COLUMN search_text TEXT');
    await db.query('ALTER TABLE matrix_articles ADD COLUMN search_terms TEXT');
  } else {
    // Binary: the confirming INSTR compares code points, as SQLite does.
    await db.query(
      'ALTER TABLE matrix_articles ADD COLUMN search_text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, ADD COLUMN search_terms MEDIUMTEXT NULL',
    );
  }

  // Existing articles get their search columns (before the index exists: one build at the end).
  for (let after = 0; ; ) {
    const rows = (await db.query('SELECT id, title, digest FROM matrix_articles WHERE id > ? ORDER BY id LIMIT 1000', {
      replacements: [after],
      type: QueryTypes.SELECT,
    })) as { id: number; title: string; digest: string | null }[];
    if (!rows.length) break;
    for (const r of rows) {
      const c = articleSearchColumns(sqlite, r.title, r.digest);
      await db.query('UPDATE matrix_articles SET search_text = ?, search_terms = ? WHERE id = ?', {
        replacements: [c.search_text, c.search_terms, r.id],
      });
    }
    after = Number(rows[rows.length - 1].id);
  }

  if (sqlite) {
    await db.query(`CREATE VIRTUAL TABLE matrix_articles_fts USING fts5(text, pairs, tokenize='trigram')`);
    await db.query(
      'INSERT INTO matrix_articles_fts(rowid, text, pairs) SELECT id, search_text, search_terms FROM matrix_articles',
    );
    await db.query(`CREATE TRIGGER matrix_articles_fts_insert AFTER INSERT ON matrix_articles BEGIN
      INSERT INTO matrix_articles_fts(rowid, text, pairs) VALUES (new.id, new.search_text, new.search_terms); END`);
    await db.query(`CREATE TRIGGER matrix_articles_fts_update AFTER UPDATE OF search_text, search_terms ON matrix_articles BEGIN
      DELETE FROM matrix_articles_fts WHERE rowid = old.id;
      INSERT INTO matrix_articles_fts(rowid, text, pairs) VALUES (new.id, new.search_text, new.search_terms); END`);
    await db.query(`CREATE TRIGGER matrix_articles_fts_delete AFTER DELETE ON matrix_articles BEGIN
      DELETE FROM matrix_articles_fts WHERE rowid = old.id; END`);
  } else {
    await db.query('ALTER TABLE matrix_articles ADD FULLTEXT INDEX matrix_articles_search_ft (search_terms)');
  }

  await qi.removeIndex('matrix_articles', 'matrix_articles_feed');
  await qi.removeIndex('matrix_articles', 'matrix_articles_member');
  await qi.addIndex('matrix_articles', ['hidden', 'deleted_at', 'pinned', 'published_at', 'id', 'member_id'], {
    name: 'matrix_articles_feed_order',
  });
  await qi.addIndex('matrix_articles', ['member_id', 'hidden', 'deleted_at', 'pinned', 'published_at', 'id'], {
    name: 'matrix_articles_member_order',
  });
};
