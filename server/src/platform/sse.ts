import { PassThrough } from 'node:stream';
import type { AppContext } from './context';
import type { Events } from './events';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs when the stream ends: the client went away, the server is stopping, or end() was called. */
  onEnd(fn: () => void): void;
  end(): void;
  readonly ended: boolean;
}

/**
 * Turns this response into a server-sent event stream (text/event-stream) that stays open until
 * the client leaves or the process stops. A comment line every `heartbeatMs` keeps proxies from
 * closing an idle stream (and runs `onHeartbeat`, e.g. to re-check a credential); `retry` tells
 * the browser's EventSource how soon to reconnect when the stream drops.
 */
export function openEventStream(
  ctx: AppContext,
  events: Events,
  opts: { heartbeatMs?: number; retryMs?: number; onHeartbeat?: () => Promise<void> | void } = {},
): EventStream {
  const stream = new PassThrough();
  const endListeners: (() => void)[] = [];
  let ended = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopOnClose: () => void = () => {};
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    stopOnClose();
    for (const fn of endListeners.splice(0)) {
      try {
        fn();
      } catch {
        /* a listener's failure must not keep the stream open */
      }
    }
    stream.end();
  };

  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  ctx.body = stream;
  stream.on('error', end);
  ctx.req.on('close', end);
  ctx.res.on('close', end);
  stopOnClose = events.onClose(end);
  stream.write(`retry: ${opts.retryMs ?? 2000}\n\n`);

  if (ended) return { send() {}, onEnd: (fn) => fn(), end, ended: true };
  heartbeat = setInterval(() => {
    if (ended) return;
    stream.write(': ping\n\n');
    Promise.resolve(opts.onHeartbeat?.()).catch(end);
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    send(event, data) {
      if (ended) return;
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onEnd(fn) {
      if (ended) fn();
      else endListeners.push(fn);
    },
    end,
    get ended() {
      return ended;
    },
  };
}
