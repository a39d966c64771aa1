import { QueryTypes } from 'sequelize';
import { conflict } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { StatsModels } from './models';

/** At most this many keys are folded per table in one run: a run stays short whatever piled up. */
const KEYS_PER_RUN = 500;
/** Rows read per step when looking for keys with new rows. */
const SCAN_BATCH = 5000;

/**
 * Folds the rows each event inserted (record.ts) into one row per key, so what the dashboards
 * sum stays small. Any moment's sum is the same before and after: the fold deletes a key's rows
 * and inserts their total in one transaction. Two runs at once (two workers) cannot both fold
 * the same rows: a run whose delete does not remove every row it read rolls back.
 * Only keys with rows newer than the last run's mark (the highest id it read, kept in the cache)
 * are looked at: a run costs what arrived since the last one, not the size of the table (a year
 * of a province is a million rows; the job runs every minute). A lost mark means one full pass.
 */
export function makeCompact(p: Platform, m: StatsModels) {
  /** The keys with rows newer than the mark, up to KEYS_PER_RUN, and the id read up to. */
  async function keysSince(table: 'stats_daily' | 'stats_hourly', keyColumns: string[]) {
    const markKey = `stats:compact:${table}`;
    let mark = Number(await p.cache.get(markKey)) || 0;
    // A mark beyond the table's last id belongs to another database (restored, or recreated):
    // start over rather than skip its rows.
    const [{ top }] = await p.db.query<{ top: number | string | null }>(`SELECT MAX(id) AS top FROM ${table}`, {
      type: QueryTypes.SELECT,
    });
    if (mark > Number(top ?? 0)) mark = 0;
    const keys = new Map<string, Record<string, string | number>>();
    for (;;) {
      const rows = await p.db.query<Record<string, string | number>>(
        `SELECT id, ${keyColumns.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ${SCAN_BATCH}`,
        { type: QueryTypes.SELECT, replacements: [mark] },
      );
      for (const row of rows) {
        const key = keyColumns.map((c) => row[c]).join('\u0000');
        if (!keys.has(key) && keys.size >= KEYS_PER_RUN) return { groups: [...keys.values()], mark, markKey };
        keys.set(key, row);
        mark = Number(row.id);
      }
      if (rows.length < SCAN_BATCH) return { groups: [...keys.values()], mark, markKey };
    }
  }

  async function fold(table: 'stats_daily' | 'stats_hourly') {
    const keyColumns =
      table === 'stats_hourly'
        ? ['metric', 'day', 'hour', 'hall_id', 'division_code']
        : ['metric', 'day', 'hall_id', 'division_code'];
    const { groups, mark, markKey } = await keysSince(table, keyColumns);
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
    // Every key with a row up to the mark is folded now (or by the run that raced this one).
    await p.cache.set(markKey, String(mark));
    return folded;
  }
  return {
    /** Folds every key with more than one row (up to KEYS_PER_RUN per table); returns how many. */
    async run() {
      return (await fold('stats_daily')) + (await fold('stats_hourly'));
    },
  };
}
