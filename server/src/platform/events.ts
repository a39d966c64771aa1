import { EventEmitter } from 'node:events';
import Redis from 'ioredis';

/**
 * Messages every process hears: Redis pub/sub when REDIS_URL is set (a call made on any server
 * process reaches the displays connected to every other), an in-process emitter otherwise.
 * Fire-and-forget: a listener that is not connected when a message is published misses it, so
 * what listeners show must be re-readable from the database (they re-read on every message).
 */
export interface Events {
  readonly kind: 'redis' | 'memory';
  publish(channel: string, message: Record<string, unknown>): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: (message: Record<string, unknown>) => void): () => void;
  /** Called when the process stops, so long-lived listeners (event streams) can end their responses. */
  onClose(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createEvents(redisUrl: string | undefined, prefix = 'mz:'): Events {
  return redisUrl ? createRedisEvents(redisUrl, prefix) : createMemoryEvents();
}

function closable() {
  const closers = new Set<() => void>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    onClose(listener: () => void) {
      if (closed) {
        listener();
        return () => {};
      }
      closers.add(listener);
      return () => closers.delete(listener);
    },
    runClosers() {
      closed = true;
      for (const c of [...closers]) c();
      closers.clear();
    },
  };
}

function createMemoryEvents(): Events {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const lifecycle = closable();
  return {
    kind: 'memory',
    async publish(channel, message) {
      if (lifecycle.closed) return;
      // As over Redis: listeners run later, never inside the publisher's call.
      const copy = JSON.parse(JSON.stringify(message));
      setImmediate(() => emitter.emit(channel, copy));
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    onClose: lifecycle.onClose,
    async close() {
      lifecycle.runClosers();
      emitter.removeAllListeners();
    },
  };
}

function createRedisEvents(url: string, prefix: string): Events {
  const publisher = new Redis(url, { maxRetriesPerRequest: 2 });
  // A connection in subscriber mode can do nothing else: one per process, shared by every listener.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  for (const r of [publisher, subscriber])
    r.on('error', () => {
      /* surfaced through failing publishes and /healthz; ioredis reconnects and resubscribes */
    });
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  const lifecycle = closable();
  subscriber.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(prefix)) return;
    try {
      local.emit(channel.slice(prefix.length), JSON.parse(raw));
    } catch {
      /* not ours */
    }
  });
  return {
    kind: 'redis',
    async publish(channel, message) {
      if (lifecycle.closed) return;
      await publisher.publish(prefix + channel, JSON.stringify(message));
    },
    subscribe(channel, listener) {
      local.on(channel, listener);
      const n = (counts.get(channel) ?? 0) + 1;
      counts.set(channel, n);
      if (n === 1) subscriber.subscribe(prefix + channel).catch(() => {});
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        local.off(channel, listener);
        const left = (counts.get(channel) ?? 1) - 1;
        if (left > 0) counts.set(channel, left);
        else {
          counts.delete(channel);
          if (!lifecycle.closed) subscriber.unsubscribe(prefix + channel).catch(() => {});
        }
      };
    },
    onClose: lifecycle.onClose,
    async close() {
      lifecycle.runClosers();
      local.removeAllListeners();
      await Promise.all([publisher, subscriber].map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}
