import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../../../test/support/server';

describe('The database under concurrent writers', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('completes many concurrent transactions and plain writes without stalling or losing one', async () => {
    const { db, audit } = s.app.platform;
    const marker = `concurrency-${Date.now()}`;
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (transaction) => {
          await db.query('SELECT COUNT(*) FROM audit_logs', { transaction });
          await audit.record(
            { actor: { type: 'system' }, action: marker, detail: { i, via: 'transaction' } },
            transaction,
          );
        }),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        audit.record({ actor: { type: 'system' }, action: marker, detail: { i, via: 'plain' } }),
      ),
    ]);
    const [rows] = (await db.query(`SELECT COUNT(*) AS n FROM audit_logs WHERE action = '${marker}'`)) as [
      { n: number | string }[],
      unknown,
    ];
    assert.equal(Number(rows[0].n), 80);
  });

  it('rolls a failed transaction back and lets the next writer in', async () => {
    const { db, audit } = s.app.platform;
    const marker = `rollback-${Date.now()}`;
    await assert.rejects(
      db.transaction(async (transaction) => {
        await audit.record({ actor: { type: 'system' }, action: marker }, transaction);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    await audit.record({ actor: { type: 'system' }, action: `${marker}-after` });
    const [rows] = (await db.query(`SELECT action FROM audit_logs WHERE action LIKE '${marker}%'`)) as [
      { action: string }[],
      unknown,
    ];
    assert.deepEqual(
      rows.map((r) => r.action),
      [`${marker}-after`],
    );
  });
});
