import { QueryTypes } from 'sequelize';
import { conflict } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { StatsModels } from './models';

/** At most this many keys are folded per table in one run: a run stays short whatever piled up. */
const KEYS_PER_RUN = 500;

/**
 * Folds the rows each event inserted (record.ts) into one row per key, so what the dashboards
 * sum stays small. Any moment's sum is the same before and after: the fold deletes a key's rows
 * and inserts their total in one transaction. Two runs at once (two workers) cannot both fold
 * the same rows: a run whose delete does not remove every row it read rolls back.
 */
export function makeCompact(p: Platform, m: StatsModels) {
  async function fold(table: 'stats_daily' | 'stats_hourly') {
    const keyColumns =
      table === 'stats_hourly'
        ? ['metric', 'day', 'hour', 'hall_id', 'division_code']
        : ['metric', 'day', 'hall_id', 'division_code'];
    const keys = keyColumns.join(', ');
    const groups = await p.db.query<Record<string, string | number>>(
      `SELECT ${keys}, COUNT(*) AS n FROM ${table} GROUP BY ${keys} HAVING COUNT(*) > 1 LIMIT ${KEYS_PER_RUN}`,
      { type: QueryTypes.SELECT },
    );
    let folded = 0;
    for (const g of groups) {
      const match = keyColumns.map((c) => `${c} = ?`).join(' AND ');
      const values = keyColumns.map((c) => g[c]);
      try {
        await p.db.transaction(async (t) => {
          const rows = await p.db.query<{ id: number; value: number | string }>(
            `SELECT id, value FROM ${table} WHERE ${match}`,
            { type: QueryTypes.SELECT, replacements: values, transaction: t },
          );
          if (rows.length < 2) return;
          const ids = rows.map((r) => r.id);
          const total = rows.reduce((sum, r) => sum + Number(r.value), 0);
          const model = table === 'stats_hourly' ? m.Hourly : m.Daily;
          const deleted = await model.destroy({ where: { id: ids }, transaction: t });
          if (deleted !== ids.length) throw conflict('STATS_FOLDED', '统计已由其他进程合并');
          await model.create(
            { ...Object.fromEntries(keyColumns.map((c, i) => [c, values[i]])), value: total } as never,
            { transaction: t },
          );
          folded++;
        });
      } catch (err) {
        if ((err as { code?: string }).code !== 'STATS_FOLDED') throw err;
      }
    }
    return folded;
  }
  return {
    /** Folds every key with more than one row (up to KEYS_PER_RUN per table); returns how many. */
    async run() {
      return (await fold('stats_daily')) + (await fold('stats_hourly'));
    },
  };
}
