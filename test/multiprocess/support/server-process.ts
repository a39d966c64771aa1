/**
 * The real server process (`server/src/main.ts`) as production runs it, on a free port, for
 * tests about what only a process shows: whether it survives, how it stops, its exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './processes';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Everything it printed so far (log lines are JSON). */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'server/src/main.ts')],
    { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  proc.stdout!.on('data', (d) => {
    output += d;
  });
  proc.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const running: ServerProcess = {
    url,
    port,
    proc,
    output: () => output,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
  // A first start on an empty MariaDB applies every migration: that can take a while on a busy machine.
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop();
  throw new Error(`server did not become healthy: ${output}`);
}

/**
 * Sends a raw HTTP request on a fresh connection and reads the answer until the server
 * closes it: for bodies no HTTP client would send (cut short, lying about their length).
 */
export function rawRequest(
  port: number,
  head: string,
  body: Buffer | string,
  { hangUp = false }: { hangUp?: boolean } = {},
): Promise<{ status: number; text: string } | 'hung up'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`${head.trim().split('\n').join('\r\n')}\r\n\r\n`);
      socket.write(body);
      if (hangUp) {
        setTimeout(() => {
          hungUp = true;
          socket.destroy();
          resolve('hung up');
        }, 200);
      }
    });
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    let hungUp = false;
    socket.on('error', (err) => (hungUp ? undefined : reject(err)));
    socket.on('close', () => {
      if (hangUp) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, text: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
  });
}
