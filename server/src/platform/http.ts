import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type Router from '@koa/router';
import compose from 'koa-compose';
import bodyParser from 'koa-bodyparser';
import { ZodError } from 'zod';
import { ConnectionAcquireTimeoutError, ConnectionError } from 'sequelize';
import { AppError, serviceUnavailable } from './errors';
import type { AppContext } from './context';
import type { Logger } from './logger';
import { type RequestSource, withRequestSource } from './request-source';

/**
 * What a request carries through the middleware: its id, a logger made when first used, and
 * (as its RequestSource) its id and address for the audit rows it writes — one object a request.
 */
class RequestState implements RequestSource {
  #log: Logger | undefined;
  constructor(
    readonly requestId: string,
    private readonly logger: Logger,
    private readonly ctx: AppContext,
  ) {}
  // A child logger per request is not free, and most requests log nothing.
  get log(): Logger {
    return (this.#log ??= this.logger.child({ reqId: this.requestId }));
  }
  /** Read only when an audit row is written (honours TRUST_PROXY). */
  get ip(): string {
    return this.ctx.ip;
  }
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * A request id per request (taken from X-Request-Id when sane), its logger, an access line, and
 * its source (id and address) for the audit rows it writes.
 */
export function requestContext(logger: Logger) {
  const logged = async (ctx: AppContext, state: RequestState, next: Next) => {
    const started = process.hrtime.bigint();
    try {
      await withRequestSource(state, next);
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings may carry codes and personal data.
      logger.info(
        {
          reqId: state.requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    }
  };
  // Not async: without the access line, the request goes on without a promise of this layer's own.
  return (ctx: AppContext, next: Next): Promise<void> => {
    const incoming = ctx.req.headers['x-request-id'];
    const reqId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state = new RequestState(reqId, logger, ctx);
    ctx.state = state;
    ctx.res.setHeader('X-Request-Id', reqId);
    // Audit rows written anywhere below carry this request's id and address.
    if (!logger.isLevelEnabled('info')) return withRequestSource(state, next);
    return logged(ctx, state, next);
  };
}

/**
 * Counts the requests being handled, so a stop can wait for them: a client that hangs up
 * closes its connection at once, while its handler may still be about to use the database.
 */
export function requestsInFlight() {
  const handling = new Set<AppContext>();
  let idle: (() => void) | undefined;
  const track = async (ctx: AppContext, next: Next) => {
    handling.add(ctx);
    try {
      await next();
    } finally {
      handling.delete(ctx);
      if (handling.size === 0) idle?.();
    }
  };
  /** Resolves when no request is being handled, or after `maxMs`. */
  const drained = (maxMs: number) =>
    handling.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, maxMs).unref();
        });
  /** The ids of the requests being handled (for the process guard's log line). */
  const ids = () => [...handling].map((ctx) => ctx.state?.requestId).filter((id): id is string => !!id);
  return Object.assign(track, { drained, ids });
}

/** Shapes every failure once: {"error": {"code", "message", "fields"?}}; never a stack. */
export function errorHandler() {
  return async (ctx: AppContext, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new AppError(404, 'NOT_FOUND', '您访问的接口不存在');
      }
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'SERVICE_UNAVAILABLE')
        ctx.state.log?.warn({ cause: String((e as { cause?: unknown }).cause ?? '') }, 'service unavailable');
      else if (e.status >= 500) ctx.state.log?.error({ err }, 'unhandled error');
      ctx.status = e.status;
      ctx.body = { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // The database unreachable or its pool exhausted: as with the cache, a fast 503.
  if (err instanceof ConnectionError || err instanceof ConnectionAcquireTimeoutError) return serviceUnavailable(err);
  if (err instanceof ZodError) return new AppError(400, 'VALIDATION_FAILED', '提交的信息有误');
  const e = err as { status?: number; type?: string; body?: unknown };
  if (e?.type === 'entity.too.large' || e?.status === 413)
    return new AppError(413, 'PAYLOAD_TOO_LARGE', '提交的内容过大');
  // co-body (under koa-bodyparser) marks a JSON syntax error with status 400 and the raw body.
  if (
    e?.type === 'entity.parse.failed' ||
    (e?.status === 400 && err instanceof SyntaxError) ||
    (e?.status === 400 && 'body' in e)
  )
    return new AppError(400, 'MALFORMED_JSON', '提交的数据格式不正确');
  if (e?.type === 'encoding.unsupported' || e?.status === 415)
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的数据格式');
  if (e?.status && e.status >= 400 && e.status < 500) return new AppError(e.status, 'BAD_REQUEST', '请求无法处理');
  return new AppError(500, 'INTERNAL_ERROR', '系统繁忙，请稍后再试');
}

// NUL and the other C0 controls (tab, newline and return aside) have no place in anything a
// person types, and some drivers cannot carry them into SQL: refuse them at the door.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function hasControlChars(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) if (CONTROL.test(k) || hasControlChars(v, depth + 1)) return true;
  return false;
}

/** Refuses control characters in the query string and the JSON body, before any handler. */
export function refuseControlChars() {
  // Not async: a request that passes (nearly all) goes on without a promise of this layer's own.
  return (ctx: AppContext, next: Next): Promise<void> => {
    // Raw control characters never reach us (Node's parser refuses them in the request line):
    // in the URL they can only arrive percent-encoded.
    const url = ctx.url.includes('%') && (hasControlChars(ctx.query) || CONTROL.test(decodeURIComponentSafe(ctx.path)));
    if (url || hasControlChars(ctx.request.body)) {
      return Promise.reject(new AppError(400, 'INVALID_CHARACTERS', '提交的内容包含无法识别的字符，请检查后重试'));
    }
    return next();
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** JSON bodies only, size-capped; malformed JSON and oversize bodies become 4xx above. */
export function jsonBody(limit: string) {
  const parser = bodyParser({ enableTypes: ['json'], jsonLimit: limit, strict: true });
  return (ctx: AppContext, next: Next): Promise<void> => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') return next(); // no body to read
    if (
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) &&
      ctx.request.length > 0 &&
      !ctx.is('json', 'multipart')
    ) {
      // A body we would silently ignore is a client mistake worth naming.
      if (!ctx.path.startsWith('/wechat/') && !ctx.path.startsWith('/__wechat__/')) {
        return Promise.reject(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式提交数据'));
      }
    }
    return parser(ctx as any, next);
  };
}

/**
 * The modules' routers as one middleware, each tried in turn but only on paths one of its
 * routes could match (the literal start of each route): every router testing every one of its
 * routes on every request cost a hot lookup more than its own handler. Paths compare without
 * case, as the routers' own matching does.
 */
export function moduleRoutes(routers: Router<any, any>[]) {
  const modules = routers.map((router) => ({
    // Routes only: a router's own middleware (router.use, nested routers' allowedMethods) runs
    // only when one of its routes matches, and its path-less pattern would match every path.
    starts: [
      ...new Set(
        router.stack
          .filter((layer) => layer.methods.length)
          .map((layer) =>
            String(layer.path)
              .split(/[:(*?{]/)[0]
              .toLowerCase(),
          ),
      ),
    ],
    handle: compose([router.routes(), router.allowedMethods()] as never[]) as Handle,
    exact: exactRoutes(router),
  }));
  const byStart = startsIndex(modules.map((m) => m.starts));
  // A router without a route for the request passes it on, to the next one that may have.
  // (No named closure per request: tsx names each one it creates, and that shows on this path.)
  function tryFrom(candidates: number[], c: number, key: string, ctx: AppContext, next: Next): Promise<void> {
    if (c >= candidates.length) return next();
    const from = c + 1;
    const module = modules[candidates[c]];
    return (module.exact.get(key) ?? module.handle)(ctx, () => tryFrom(candidates, from, key, ctx, next));
  }
  const routes = (ctx: AppContext, next: Next) =>
    tryFrom(byStart(ctx.path.toLowerCase()), 0, `${ctx.method} ${ctx.path}`, ctx, next);
  return Object.assign(routes, { routers }); // tools list the routes through it
}

/** A node of the starts' trie: by next character; the modules with a start that ends at or above it. */
interface StartNode {
  next: Map<number, StartNode>;
  modules: number[];
}

/**
 * The modules (by index, in order) with a start that is a prefix of a path, found by one walk
 * down the path's characters: testing each of some 250 starts in turn cost a request to a
 * module late in the list more than its own handler.
 */
function startsIndex(startsOf: string[][]): (path: string) => number[] {
  const root: StartNode = { next: new Map(), modules: [] };
  const ends: [StartNode, number][] = [];
  startsOf.forEach((starts, i) => {
    for (const start of starts) {
      let node = root;
      for (let k = 0; k < start.length; k++) {
        const ch = start.charCodeAt(k);
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map(), modules: [] };
          node.next.set(ch, child);
        }
        node = child;
      }
      ends.push([node, i]);
    }
  });
  // Each node's list: the modules of every start ending on the way down to it (its own too).
  const own = new Map<StartNode, Set<number>>();
  for (const [node, i] of ends) {
    const set = own.get(node) ?? new Set<number>();
    set.add(i);
    own.set(node, set);
  }
  const fill = (node: StartNode, above: number[]) => {
    const mine = own.get(node);
    node.modules = mine ? [...new Set([...above, ...mine])].sort((a, b) => a - b) : above;
    for (const child of node.next.values()) fill(child, node.modules);
  };
  fill(root, []);
  return (path) => {
    let node = root;
    for (let k = 0; k < path.length; k++) {
      const child = node.next.get(path.charCodeAt(k));
      if (child === undefined) break;
      node = child;
    }
    return node.modules;
  };
}

type Handle = (ctx: AppContext, next: Next) => Promise<void>;

/** What @koa/router's layers hold (its types do not export them all). */
interface RouteLayer {
  path: string | RegExp;
  name?: string | null;
  methods: string[];
  paramNames: unknown[];
  stack: ((ctx: AppContext, next: Next) => unknown)[];
  match(path: string): boolean;
}

// A path with nothing for path-to-regexp to read: it matches itself only (and itself with a
// trailing slash, or in other case, which the router itself is left to answer).
const PLAIN_PATH = /^[A-Za-z0-9/_.-]+$/;

/**
 * The router's answer to a request for one of its parameterless routes, by "METHOD /path" as
 * registered, decided once: what @koa/router works out on every request (each layer's pattern
 * tested, the matched layers' chain built and composed, parameters captured) is the same for
 * the same method and path, so it is done at start-up and the request only sets what the
 * router would have set on it (matched layers, route name and path, params). Requests for any
 * other path — trailing slash, other case, parameters — go to the router as before; so does
 * every route of a router with host or prefix-path options.
 */
function exactRoutes(router: Router<any, any>): Map<string, Handle> {
  const exact = new Map<string, Handle>();
  const r = router as unknown as {
    stack: RouteLayer[];
    host?: unknown;
    exclusive?: boolean;
    opts: { routerPath?: string; exclusive?: unknown };
  };
  if (r.host || r.exclusive || r.opts.exclusive || r.opts.routerPath) return exact;
  const allowed = router.allowedMethods() as unknown as Handle;
  for (const route of r.stack) {
    if (typeof route.path !== 'string' || !PLAIN_PATH.test(route.path)) continue;
    const path = route.path;
    // Every layer the router would find for this path, in its order (router.match).
    const matched = r.stack.filter((layer) => layer.match(path));
    for (const method of route.methods) {
      const key = `${method} ${path}`;
      if (exact.has(key)) continue;
      const layers = matched.filter((layer) => layer.methods.length === 0 || layer.methods.includes(method));
      // Parameters or a pattern among them: the router computes those per request.
      if (layers.some((layer) => layer.paramNames.length > 0 || typeof layer.path !== 'string')) continue;
      const last = [...layers].reverse().find((layer) => layer.methods.length > 0)!;
      const chain: ((ctx: AppContext, next: Next) => unknown)[] = [];
      for (const layer of layers) {
        // As the router's own step before each layer's middleware (captures: none here).
        chain.push(
          (ctx, next) => {
            const c = ctx as unknown as Record<string, any>;
            c.captures = [];
            c.request.params = { ...c.params };
            c.params = c.request.params;
            c.routerPath = layer.path;
            c.routerName = layer.name || undefined;
            c._matchedRoute = layer.path;
            if (layer.name) c._matchedRouteName = layer.name;
            return next();
          },
          ...layer.stack,
        );
      }
      const run = compose(chain as never[]) as Handle;
      const dispatch: Handle = (ctx, next) => {
        const c = ctx as unknown as Record<string, any>;
        if (Array.isArray(c.matched)) c.matched.push(...matched);
        else c.matched = [...matched];
        c.router = router;
        c.routeMatched = true;
        c._matchedRoute = last.path;
        if (last.name) c._matchedRouteName = last.name;
        return run(ctx, next);
      };
      exact.set(key, compose([dispatch, allowed] as never[]) as Handle);
    }
  }
  return exact;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers with JSON already serialised (bytes kept by the caller for an answer it gives often):
 * what Koa would send for the object, without serialising it again or looking the type up.
 */
export function sendJson(ctx: AppContext, bytes: Buffer): void {
  ctx.res.setHeader('Content-Type', JSON_TYPE);
  ctx.body = bytes;
}
