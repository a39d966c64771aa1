import { AsyncLocalStorage } from 'node:async_hooks';

/** Where the request being handled came from: what an audit row records beside who acted. */
export interface RequestSource {
  readonly requestId: string;
  readonly ip: string;
}

const current = new AsyncLocalStorage<RequestSource>();

/**
 * Runs the rest of a request with its source known to everything it calls, however deep (a
 * use case writing an audit row is not handed the Koa context, and must not need to be).
 */
export function withRequestSource<T>(source: RequestSource, run: () => T): T {
  return current.run(source, run);
}

/** The source of the request this code runs for; undefined in jobs, the CLI and at start-up. */
export function requestSource(): RequestSource | undefined {
  return current.getStore();
}

/** Runs work that outlives the request that started it (a queued job) as nobody's request. */
export function outsideRequest<T>(run: () => T): T {
  return current.exit(run);
}
