/**
 * A hall's TV may be connected to any server process, and a window may call on any other: the
 * call travels through Redis pub/sub. Two real server processes (`server/src/main.ts`) share one
 * Redis and one database; the display's event stream is opened on one, the call made on the other.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ownMariaDb } from '../support/db';
import { TEST_ADMIN_PASSWORD, testEnv } from '../support/env';
import { json } from '../console/console-tools';
import { ROOT } from './support/processes';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startServerProcess(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'server/src/main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  proc.stdout!.on('data', (d) => {
    output += d;
  });
  proc.stderr!.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, proc };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`server did not become healthy: ${output}`);
}

describe('Hall display across two server processes behind one Redis', function () {
  this.timeout(180_000);
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;

  before(async () => {
    // A database of its own: these processes must not meet other suites' rows.
    const database = process.env.DATABASE_URL?.match(/^(mysql|mariadb):/)
      ? (await ownMariaDb('display_two'))!
      : `sqlite:${path.join(os.tmpdir(), `minzheng-display-two-${process.pid}-${Date.now()}.sqlite`)}`;
    const env = testEnv({
      REDIS_URL,
      REDIS_PREFIX: `mz:test:display:${randomBytes(4).toString('hex')}:`,
      DATABASE_URL: database,
      LOG_LEVEL: 'warn',
      SERVE_H5: 'false',
    });
    // One after the other: the first applies the migrations, the second finds them done.
    const first = await startServerProcess(env);
    const second = await startServerProcess(env);
    servers.push(first.proc, second.proc);
    [a, b] = [first.url, second.url];
  });
  after(() => {
    for (const p of servers) p.kill('SIGTERM');
  });

  it('a call made on one process reaches the display streaming from the other within 2 s', async () => {
    const { token } = await json(`${a}/api/staff/login`, {
      method: 'POST',
      body: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const { hall } = await json(`${a}/api/staff/halls`, {
      method: 'POST',
      token,
      body: { name: '朝阳区民政综合服务大厅', divisionCode: '110105', address: '一层', hours: [['09:00', '17:00']] },
    });
    await json(`${a}/api/staff/halls/${hall.id}/windows`, {
      method: 'PUT',
      token,
      body: { windows: [{ number: '3', name: '综合窗口', serviceCodes: ['MZ-JZ-01'] }] },
    });
    const display = await json(`${a}/api/staff/halls/${hall.id}/display-token`, { method: 'POST', token });
    const { ticket } = await json(`${a}/api/staff/halls/${hall.id}/queue/tickets`, {
      method: 'POST',
      token,
      body: { serviceCode: 'MZ-JZ-01' },
    });

    const controller = new AbortController();
    const res = await fetch(`${b}/api/halls/${hall.id}/display/events?token=${display.token}`, {
      signal: controller.signal,
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const seen = (pattern: RegExp, ms: number) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not seen within ${ms} ms: ${pattern}; got ${text}`)), ms);
        const pump = async (): Promise<void> => {
          const found = pattern.exec(text);
          if (found) {
            clearTimeout(timer);
            return resolve(found[0]);
          }
          const { value, done } = await reader.read();
          if (done) return reject(new Error('stream ended'));
          text += decoder.decode(value, { stream: true });
          return pump();
        };
        pump().catch(reject);
      });
    try {
      await seen(/event: board\n/, 10_000);
      await json(`${a}/api/staff/halls/${hall.id}/windows/3/call-next`, { method: 'POST', token });
      const call = await seen(/event: call\ndata: .*\n/, 2000);
      const data = JSON.parse(call.split('data: ')[1]);
      assert.deepEqual([data.label, data.windowNumber], [ticket.label, '3']);
    } finally {
      controller.abort();
    }
  });
});
