import { DataTypes } from 'sequelize';
import type { Migration } from '../../../platform/db/migrate';

// Where a broadcast reaches, resolved from its segment when it is composed: a division prefix
// ('' = nationwide) and, for a hall's followers, the hall. Staff see, approve and cancel only
// the broadcasts of their scope. Broadcasts composed before this: a region's reach is its
// code; a hall's (directly or through its QR code) is the hall's; anything else nationwide.
export const up: Migration['up'] = async ({ context: qi, db }) => {
  await qi.addColumn('notice_broadcasts', 'reach_division', {
    type: DataTypes.STRING(12),
    allowNull: false,
    defaultValue: '',
  });
  await qi.addColumn('notice_broadcasts', 'reach_hall_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addIndex('notice_broadcasts', ['reach_division'], { name: 'notice_broadcasts_reach_division' });

  const rows = (await db.query('SELECT id, segment FROM notice_broadcasts', { type: 'SELECT' })) as Array<{
    id: number;
    segment: string;
  }>;
  const hallDivision = async (hallId: number) => {
    const [hall] = (await db.query('SELECT division_code FROM halls WHERE id = :hallId', {
      replacements: { hallId },
      type: 'SELECT',
    })) as Array<{ division_code: string }>;
    return hall?.division_code;
  };
  for (const row of rows) {
    const segment = JSON.parse(row.segment) as {
      kind: string;
      divisionCode?: string;
      hallId?: number;
      scene?: string;
    };
    let division = '';
    let hallId: number | null = null;
    if (segment.kind === 'region' && segment.divisionCode) division = segment.divisionCode;
    if ((segment.kind === 'tag' || segment.kind === 'users') && segment.divisionCode) division = segment.divisionCode;
    if (segment.kind === 'hall' && segment.hallId) hallId = segment.hallId;
    if (segment.kind === 'scene' && segment.scene) {
      const [scene] = (await db.query('SELECT hall_id, division_code FROM mp_scenes WHERE scene = :scene', {
        replacements: { scene: segment.scene },
        type: 'SELECT',
      })) as Array<{ hall_id: number | null; division_code: string | null }>;
      if (scene?.hall_id) hallId = scene.hall_id;
      else if (scene?.division_code) division = scene.division_code;
    }
    if (hallId !== null) {
      const d = await hallDivision(hallId);
      if (d) division = d;
      else hallId = null; // a hall no longer there: nationwide, national staff only
    }
    await db.query('UPDATE notice_broadcasts SET reach_division = :division, reach_hall_id = :hallId WHERE id = :id', {
      replacements: { division, hallId, id: row.id },
    });
  }
};
