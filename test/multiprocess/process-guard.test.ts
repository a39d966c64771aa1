/**
 * The process guard (platform/process-guard.ts) in a real process: errors of one request and
 * rejections nobody awaited are logged with the request ids in flight and the process keeps
 * serving; any other uncaught exception stops it with exit code 1, for its supervisor to
 * restart (README: Supervision).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './support/processes';

describe('The process guard', () => {
  it('keeps serving through request-scoped errors, and stops with exit 1 on any other', async () => {
    const proc = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'support/guard-child.ts')],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    proc.stdout!.on('data', (d) => {
      output += d;
    });
    proc.stderr!.on('data', (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    const lines = output.split('\n');
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

    const survived = lines.indexOf('ALIVE');
    assert.ok(survived >= 0, `it did not survive the request-scoped errors:\n${output}`);
    const scoped = logged.filter((l) => l.msg.startsWith('request-scoped error'));
    assert.deepEqual(scoped.map((l) => l.err.message).sort(), ['Unexpected end of form', 'read ECONNRESET']);
    assert.deepEqual(scoped[0].requestIds, ['req-guard-test-0001']);
    const rejection = logged.find((l) => l.msg.startsWith('unhandled promise rejection'));
    assert.equal(rejection?.err.message, 'a rejection nobody awaited');

    const fatal = logged.find((l) => l.msg.startsWith('uncaught exception'));
    assert.equal(fatal?.err.message, 'a pool half-changed');
    assert.ok(lines.includes('STOPPING 1'), output);
    assert.equal(code, 1);
  });
});
