/**
 * Shared bench plumbing: a bare Koa endpoint as the yardstick, an autocannon run, and one
 * printed line per target with req/s, p50/p99 and the ratio to bare Koa measured in the same
 * run (same machine, same moment), so the figures compare across machines.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Koa from 'koa';

/** A port nobody listens on now (the OS picks it), for a child server to take. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

export interface Measure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function startBareKoa(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { status: 'ok' };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function measure(
  name: string,
  opts: {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: autocannon.Request[];
  },
): Promise<Measure> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 64,
    duration: opts.duration ?? Number(process.env.BENCH_SECONDS ?? 10),
    headers: opts.headers,
    requests: opts.requests,
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function report(baseline: Measure, targets: Measure[]): void {
  const rows = [baseline, ...targets].map((m) => ({
    target: m.name,
    'req/s': Math.round(m.rps),
    'p50 ms': m.p50,
    'p99 ms': m.p99,
    'vs bare Koa': m === baseline ? '1.00' : (m.rps / baseline.rps).toFixed(2),
    'non-2xx': m.non2xx,
    errors: m.errors,
  }));
  console.table(rows);
}
