/**
 * Child Node processes (TypeScript through tsx) that follow a tiny line protocol on stdio,
 * so a test can line several of them up and release them at the same instant:
 *   child → "READY"            when prepared
 *   parent → "GO"              to start them all together
 *   child → "RESULT <json>"    then exits
 * Anything else a child prints is kept for the failure message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Child {
  proc: ChildProcess;
  ready: Promise<void>;
  result: Promise<any>;
  go(): void;
  kill(): void;
}

export const ROOT = path.resolve(__dirname, '../../..');

export function startChild(script: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let onReady!: () => void;
  let onResult!: (v: unknown) => void;
  let onError!: (e: Error) => void;
  const ready = new Promise<void>((r, j) => {
    onReady = r;
    onError = j;
  });
  const result = new Promise<any>((r, j) => {
    onResult = r;
    const fail = onError;
    onError = (e) => {
      fail(e);
      j(e);
    };
  });
  result.catch(() => {}); // observed by whoever awaits it
  ready.catch(() => {});

  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line === 'READY') onReady();
      else if (line.startsWith('RESULT ')) onResult(JSON.parse(line.slice(7)));
      else output += line + '\n';
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  proc.on('exit', (code) =>
    onError(new Error(`child ${path.basename(script)} exited with ${code} before finishing:\n${output}`)),
  );

  return {
    proc,
    ready,
    result,
    go: () => proc.stdin!.write('GO\n'),
    kill: () => {
      if (proc.exitCode === null) proc.kill();
    },
  };
}

/** Starts them all, waits until every one is READY, releases them at once, collects the results. */
export async function runTogether(children: Child[]): Promise<any[]> {
  try {
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    return await Promise.all(children.map((c) => c.result));
  } finally {
    for (const c of children) c.kill();
  }
}
