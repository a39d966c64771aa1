import type { Migration } from '../../../platform/db/migrate';
import { isSqlite } from '../../../platform/db';

/**
 * The three prefix columns compare by their bytes (code points) on MariaDB, as on SQLite:
 *  - a prefix range (name >= q AND name < q with its last character one higher) then holds exactly
 *    the names starting with q, which a case- and accent-folding collation does not promise;
 *  - the order of a page is the code-point order, the one the names held in each process are
 *    sorted and searched in (name-index.ts), so a page is the same whichever of the two answers it.
 * NO PAD: a trailing space is a character like any other, as in SQLite.
 */
export const up: Migration['up'] = async ({ db }) => {
  if (isSqlite(db)) return;
  await db.query(
    `ALTER TABLE place_names
       MODIFY name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
       MODIFY pinyin_key VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
       MODIFY initials VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL`,
  );
};
