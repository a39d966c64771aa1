import { requestSource } from '../../src/platform/request-source';
import type { TestServer } from '../../../test/support/server';

/**
 * Collects the SQL statements matching `pattern` that the server runs for an HTTP request, into
 * the array it returns (empty it before the reads a story counts). Statements of the server's own
 * scheduled jobs are left out: the stats fold runs every minute and reads `stats_daily`, which is
 * not a dashboard read (a story once caught the fold between a warm read and its assertion).
 */
export function requestStatements(s: TestServer, pattern: RegExp): string[] {
  const statements: string[] = [];
  s.app.platform.db.addHook('afterQuery', (_options, query) => {
    const sql = (query as unknown as { sql?: string }).sql;
    if (sql && requestSource() !== undefined && pattern.test(sql)) statements.push(sql);
  });
  return statements;
}
