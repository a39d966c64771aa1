import type { Logger } from './logger';

/**
 * Errors that belong to one request's connection or body and leave nothing shared broken:
 * a client that hung up, a socket written after it closed, a body that did not parse. The
 * request they came from is lost; every other request is served as before.
 */
const REQUEST_SCOPED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_STREAM_PUSH_AFTER_EOF',
  'ERR_HTTP_HEADERS_SENT',
]);
// busboy's own words for a multipart body that does not parse (the uploads helper handles
// them; this covers code that reads a body some other way).
const BODY_PARSE_MESSAGES =
  /^(Unexpected end of (form|file)|Malformed (part header|urlencoded form)|Multipart: Boundary not found)/;

export function isRequestScoped(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (REQUEST_SCOPED_CODES.has(e.code) || e.code.startsWith('HPE_'))) return true;
  return typeof e.message === 'string' && BODY_PARSE_MESSAGES.test(e.message);
}

export interface ProcessGuardOptions {
  logger: Logger;
  /** The ids of the requests being handled when it happened (the culprit is among them). */
  requestIds?: () => string[];
  /** Stops the process in order (stop accepting, finish what is in flight) and exits with `code`. */
  stop: (code: number) => Promise<void> | void;
}

/**
 * The last line of defence of a server or worker process. Request-scoped errors and promise
 * rejections nobody awaited are logged (with the request ids in flight) and the process keeps
 * serving; any other uncaught exception may have left shared state half-changed (a pool, a
 * lock, a queue), so the process stops in order and exits 1 for its supervisor to restart it
 * (README: "Supervision"). Every error reaches this guard only when the code that should have
 * handled it did not: each such line is a bug to fix where it starts.
 */
export function guardProcess({ logger, requestIds = () => [], stop }: ProcessGuardOptions) {
  const inFlight = () => requestIds().slice(0, 20);
  const onException = (err: Error, origin: string) => {
    if (origin === 'uncaughtException' && isRequestScoped(err)) {
      logger.error({ err, requestIds: inFlight() }, 'request-scoped error nobody handled; still serving');
      return;
    }
    logger.fatal({ err, origin, requestIds: inFlight() }, 'uncaught exception: the process may be unsound, stopping');
    logger.flush?.();
    void stop(1);
  };
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason, requestIds: inFlight() }, 'unhandled promise rejection; still serving');
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
