import { QueryTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';
import { keyedFingerprint } from '../complaints/fingerprint';

/**
 * Complaint fingerprints were an unsalted SHA-256 of text holding the contact's name and phone:
 * each stored digest becomes its keyed hash (what a new submission stores), so no digest a guess
 * could be tested against remains. Rows go in batches by id; a row is rewritten once (the
 * migration runs once, under the migrator's lock on MySQL).
 */
export const up: Migration['up'] = async ({ db, keys }) => {
  const { pii } = keys;
  let after = 0;
  for (;;) {
    const rows = (await db.query('SELECT id, fingerprint FROM org_complaints WHERE id > ? ORDER BY id LIMIT 500', {
      replacements: [after],
      type: QueryTypes.SELECT,
    })) as { id: number; fingerprint: string }[];
    if (rows.length === 0) return;
    if (!pii)
      throw new Error(
        're-keying complaint fingerprints needs PII_KEY: run migrations through the app or npm run migrate',
      );
    await db.transaction(async (transaction) => {
      for (const row of rows) {
        await db.query('UPDATE org_complaints SET fingerprint = ? WHERE id = ?', {
          replacements: [keyedFingerprint(pii, row.fingerprint), row.id],
          transaction,
        });
      }
    });
    after = rows[rows.length - 1].id;
  }
};
