/**
 * A deploy stops a server process with SIGTERM while clients keep their connections alive
 * and send request after request. The process stops accepting, answers every request it has
 * received (with `Connection: close`), closes the connections nobody is using and exits 0 —
 * no client sees a connection reset for a request it had sent.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { resetDatabase } from '../support/db';
import { testEnv } from '../support/env';
import { type ServerProcess, startServerProcess } from './support/server-process';

const CLIENTS = 8;

type Outcome =
  | { kind: 'ok'; closing: boolean; afterStop: boolean }
  | { kind: 'refused' }
  | { kind: 'reset'; code: string };

describe('SIGTERM under steady keep-alive load', () => {
  let server: ServerProcess;
  before(async () => {
    const env = testEnv({ LOG_LEVEL: 'warn', SERVE_H5: 'false' });
    await resetDatabase(env.DATABASE_URL);
    server = await startServerProcess(env);
  });
  after(async () => {
    if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  });

  it('answers what it received, refuses new connections, resets nothing and exits 0', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let signalled = false;
    const outcomes: Outcome[] = [];
    const get = () =>
      new Promise<Outcome>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/site', agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ kind: 'ok', closing: res.headers.connection === 'close', afterStop: signalled }),
          );
        });
        req.on('error', (err: NodeJS.ErrnoException) =>
          resolve(err.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'reset', code: err.code ?? err.message }),
        );
      });
    // Each client sends its next request as soon as it has an answer, until the server refuses it.
    const clients = Array.from({ length: CLIENTS }, async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const outcome = await get();
        outcomes.push(outcome);
        if (outcome.kind !== 'ok') return;
      }
    });
    while (outcomes.filter((o) => o.kind === 'ok').length < 200) await new Promise((r) => setTimeout(r, 20));

    signalled = true;
    server.proc.kill('SIGTERM');
    const code = await server.exited;
    await Promise.all(clients);
    agent.destroy();

    const resets = outcomes.filter((o) => o.kind === 'reset');
    assert.deepEqual(resets, [], 'no request that was sent met a reset connection');
    assert.equal(code, 0, `exit code (1 is the forced exit):\n${server.output()}`);
    const answeredAfterStop = outcomes.filter((o) => o.kind === 'ok' && o.afterStop);
    assert.ok(answeredAfterStop.length > 0, 'requests in flight at the signal were answered');
    assert.ok(
      answeredAfterStop.some((o) => o.kind === 'ok' && o.closing),
      'answers during the stop carry Connection: close',
    );
    assert.equal(outcomes.filter((o) => o.kind === 'refused').length, CLIENTS, 'every client was then refused');
  });
});
