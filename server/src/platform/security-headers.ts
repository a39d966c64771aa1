import { createHash } from 'node:crypto';
import { OutgoingMessage, type ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';
import type { Context, Next } from 'koa';

/**
 * The policy of every response. Pages (the H5 build, the console) load their scripts, styles,
 * fonts and data from this origin only (and the blob: URLs of files chosen on the page); inline styles are allowed (Taro's and Ant Design's
 * components set them), inline scripts only by hash (htmlPolicy); images may also come from
 * https (WeChat's article covers) and data:/blob: URLs. Nothing may frame us.
 */
const DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'object-src': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob: https:",
  'font-src': "'self' data:",
  // blob: — Taro's H5 uploadFile reads the chosen photo back from its blob: URL.
  'connect-src': "'self' blob:",
  'media-src': "'self' data: blob:",
  'worker-src': "'self' blob:",
  'manifest-src': "'self'",
};

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

export const CONTENT_SECURITY_POLICY = policy(DIRECTIVES);

/** Helmet's set, decided once: a hot path sets a fixed list and computes nothing. */
const HEADERS: [string, string][] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  // Query strings may carry codes: no other site learns our URLs.
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Where a response keeps the headers set on it so far (Node's `kOutHeaders`: lower-cased name →
 * [name, value]); undefined if this Node keeps them elsewhere, and the headers are then set one
 * by one.
 */
const OUT_HEADERS = Object.getOwnPropertySymbols(new OutgoingMessage()).find((s) => s.description === 'kOutHeaders');

/**
 * The set as Node would hold it after setting each header, built once (names and values are
 * checked here, as setHeader would): a response starts from a copy. The entries are frozen and
 * shared; Node replaces an entry when a header is set again, and one appended to would throw.
 */
const ENTRIES: [string, readonly [string, string]][] = HEADERS.map(([name, value]) => {
  validateHeaderName(name);
  validateHeaderValue(name, value);
  return [name.toLowerCase(), Object.freeze([name, value] as const)];
});

function presetHeaders(res: ServerResponse): boolean {
  const holder = res as unknown as Record<symbol, Record<string, unknown> | null>;
  if (OUT_HEADERS === undefined || holder[OUT_HEADERS] !== null) return false;
  const headers: Record<string, unknown> = Object.create(null);
  for (const [key, entry] of ENTRIES) headers[key] = entry;
  holder[OUT_HEADERS] = headers;
  return true;
}

/**
 * Sets the security headers on every response, errors included; a route may narrow them.
 * Written first, as one prepared set: twelve setHeader calls (each checking, lower-casing and
 * allocating) cost a request more than most of its own work.
 */
export function securityHeaders() {
  return (ctx: Context, next: Next) => {
    if (!presetHeaders(ctx.res)) for (const [name, value] of HEADERS) ctx.res.setHeader(name, value);
    return next();
  };
}

// Taro's H5 tab bar links are `href="javascript:;"`, a navigation that runs nothing: allowed
// by the hash of that exact URL (with 'unsafe-hashes', which admits hashed javascript: URLs and
// attributes, nothing unhashed). Without it every tab tap logs a violation.
const NO_OP_JAVASCRIPT_URL = "'unsafe-hashes' 'sha256-lfXlPY3+MCPOPb4mrw1Y961+745U3WlDQVcOXdchSQc='";

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The policy for one HTML page: the common one, with each inline script of the page allowed
 * by its hash (the H5 build sizes its root font in one) and no other inline script.
 */
export function htmlPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  return policy({ ...DIRECTIVES, 'script-src': `'self' ${[...hashes, NO_OP_JAVASCRIPT_URL].join(' ')}` });
}
