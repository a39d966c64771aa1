import type { Migration } from '../../../platform/db/migrate';

// A hall's QR code now carries the hall's division, which decides whose scope it is in; codes
// made before took a division only when one was sent. Their followers came from that hall too.
export const up: Migration['up'] = async ({ db }) => {
  for (const table of ['mp_scenes', 'mp_subscribers'])
    await db.query(
      `UPDATE ${table} SET division_code = (SELECT h.division_code FROM halls h WHERE h.id = ${table}.hall_id)
       WHERE hall_id IS NOT NULL AND EXISTS (SELECT 1 FROM halls h WHERE h.id = ${table}.hall_id)`,
    );
};
