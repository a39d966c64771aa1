import { randomBytes } from 'node:crypto';
import { SimError } from './errors';

/** An account the simulator knows. `type` limits which APIs its token may call (48001). */
export interface SimApp {
  appid: string;
  secret: string;
  type?: 'mini' | 'mp';
}

export interface TokenRecord {
  token: string;
  appid: string;
  kind: 'classic' | 'stable';
  expiresAt: number;
  /** Set when a newer token replaced this one: from then on it answers 40001. */
  revokedAt?: number;
}

interface LoginCode {
  openid: string;
  unionid?: string;
  appid?: string;
  risky?: boolean;
  expiresAt: number;
}
interface PhoneCode {
  phoneNumber: string;
  expiresAt: number;
}

/** Makes the next `times` calls to `path` answer `errcode` and/or wait `delayMs` first. */
export interface Fault {
  path: string;
  errcode?: number;
  errmsg?: string;
  delayMs?: number;
  times: number;
  appid?: string;
}

export const TOKEN_TTL_S = 7200;
/** stable_token renews in a token's last 5 minutes; a replaced classic token lives 5 more minutes. */
export const OVERLAP_MS = 5 * 60_000;
const CODE_TTL_MS = 5 * 60_000;
const LOGINS_PER_MINUTE = 100;
const DAILY = { token: 2000, stable_token: 10_000, force_refresh: 20 } as const;
const FORCE_SPACING_MS = 30_000;

const mint = (bytes: number) => randomBytes(bytes).toString('base64url');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The simulator alone (tests, benches) pushes to servers on this machine only. */
export const loopbackOnly = (url: URL): boolean => url.protocol === 'http:' && LOOPBACK.has(url.hostname);

/**
 * Everything the simulator remembers, in one process. Time runs on `now()`, which tests can
 * move forward (/dev/advance) to reach expiries without waiting.
 */
export class SimulatorState {
  readonly apps = new Map<string, SimApp>();
  readonly tokens = new Map<string, TokenRecord>();
  /** Latest token per appid and kind (classic and stable tokens are separate lineages, as in WeChat). */
  readonly current = new Map<string, string>();
  readonly loginCodes = new Map<string, LoginCode>();
  readonly phoneCodes = new Map<string, PhoneCode>();
  /** openid → timestamps of its logins in the last minute (45011). */
  readonly logins = new Map<string, number[]>();
  readonly quotas = new Map<string, number>();
  readonly lastForce = new Map<string, number>();
  faults: Fault[] = [];
  /** Calls per endpoint path; `byOpenid` is the same per user, for endpoints that know one. */
  stats = { calls: {} as Record<string, number>, byOpenid: {} as Record<string, Record<string, number>> };
  /**
   * Where pushes may go. Its push settings would otherwise make whatever hosts it fetch any URL
   * a caller names; mounted in our server, only that server itself is allowed.
   */
  allowPushTo: (url: URL) => boolean = loopbackOnly;
  /** The world's time. Mounted in our server it is the server's clock (tests move it): WeChat's and ours agree. */
  clock: () => number = Date.now;
  private offsetMs = 0;
  private mints = 0;

  constructor(apps: SimApp[] = []) {
    for (const app of apps) this.addApp(app);
  }

  /** The URL, parsed, when pushes may go there; SimError otherwise (a /dev caller's mistake: 400). */
  pushUrl(url: unknown): URL {
    let parsed: URL;
    try {
      parsed = new URL(String(url));
    } catch {
      throw new SimError(40097, 'invalid args: url', 400);
    }
    if (!this.allowPushTo(parsed)) throw new SimError(40097, 'invalid args: url (pushes go to this server only)', 400);
    return parsed;
  }

  now(): number {
    return this.clock() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  addApp(app: SimApp): void {
    this.apps.set(app.appid, { ...app });
  }

  /** Forgets tokens, codes, counters and faults; keeps the apps. */
  reset(): void {
    for (const m of [
      this.tokens,
      this.current,
      this.loginCodes,
      this.phoneCodes,
      this.logins,
      this.quotas,
      this.lastForce,
    ])
      m.clear();
    this.faults = [];
    this.stats = { calls: {}, byOpenid: {} };
    this.offsetMs = 0;
  }

  count(path: string): void {
    this.stats.calls[path] = (this.stats.calls[path] ?? 0) + 1;
  }

  countFor(openid: string, path: string): void {
    const per = (this.stats.byOpenid[openid] ??= {});
    per[path] = (per[path] ?? 0) + 1;
  }

  checkCredentials(appid: unknown, secret: unknown): SimApp {
    if (typeof appid !== 'string' || !appid) throw new SimError(41002);
    if (typeof secret !== 'string' || !secret) throw new SimError(41004);
    const app = this.apps.get(appid);
    if (!app) throw new SimError(40013);
    if (app.secret !== secret) throw new SimError(40125);
    return app;
  }

  /** Counts one use of a daily quota; 45009 past the limit. */
  spend(appid: string, api: keyof typeof DAILY): void {
    const day = new Date(this.now() + 8 * 3600_000).toISOString().slice(0, 10); // Beijing day
    const key = `${appid}:${api}:${day}`;
    const n = (this.quotas.get(key) ?? 0) + 1;
    if (n > DAILY[api]) throw new SimError(45009);
    this.quotas.set(key, n);
  }

  /** GET /cgi-bin/token: always a new token; the previous one stays valid 5 more minutes. */
  issueClassic(appid: string): TokenRecord {
    this.spend(appid, 'token');
    const prev = this.latest(appid, 'classic');
    if (prev && prev.revokedAt === undefined) prev.revokedAt = Math.min(prev.expiresAt, this.now() + OVERLAP_MS);
    return this.issue(appid, 'classic');
  }

  /** POST /cgi-bin/stable_token: the same token until its last 5 minutes; force_refresh revokes it now. */
  issueStable(appid: string, force: boolean): TokenRecord {
    const now = this.now();
    this.spend(appid, 'stable_token');
    const prev = this.latest(appid, 'stable');
    if (force) {
      const last = this.lastForce.get(appid);
      if (last !== undefined && now - last < FORCE_SPACING_MS) throw new SimError(45011);
      this.spend(appid, 'force_refresh');
      this.lastForce.set(appid, now);
      if (prev) prev.revokedAt = now;
      return this.issue(appid, 'stable');
    }
    if (prev && prev.revokedAt === undefined && prev.expiresAt - now > OVERLAP_MS) return prev;
    return this.issue(appid, 'stable'); // the previous one lives on until its own expiry
  }

  /** Validates an access_token: 41001 missing, 40014 malformed, 40001 unknown/replaced, 42001 expired. */
  checkToken(token: unknown): TokenRecord {
    if (typeof token !== 'string' || !token) throw new SimError(41001);
    if (!/^[A-Za-z0-9_-]{16,512}$/.test(token)) throw new SimError(40014);
    const rec = this.tokens.get(token);
    const now = this.now();
    if (!rec || (rec.revokedAt !== undefined && now >= rec.revokedAt)) throw new SimError(40001);
    if (now >= rec.expiresAt) throw new SimError(42001);
    return rec;
  }

  /** Makes every live token (of one appid, or all) expire now. */
  expireTokens(appid?: string): number {
    const now = this.now();
    let n = 0;
    for (const rec of this.tokens.values()) {
      if ((appid === undefined || rec.appid === appid) && rec.expiresAt > now) {
        rec.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  mintLoginCode(c: Omit<LoginCode, 'expiresAt'>): string {
    this.pruneNow();
    const code = mint(24);
    this.loginCodes.set(code, { ...c, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Each login code works once, for the app it was minted for (or any app when none was given). */
  useLoginCode(code: string, appid: string): LoginCode {
    const c = this.loginCodes.get(code);
    this.loginCodes.delete(code);
    if (!c || c.expiresAt <= this.now() || (c.appid && c.appid !== appid)) throw new SimError(40029);
    if (c.risky) throw new SimError(40226);
    const now = this.now();
    const recent = (this.logins.get(c.openid) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= LOGINS_PER_MINUTE) throw new SimError(45011);
    recent.push(now);
    this.logins.set(c.openid, recent);
    return c;
  }

  mintPhoneCode(phoneNumber: string): string {
    this.pruneNow();
    const code = mint(24);
    this.phoneCodes.set(code, { phoneNumber, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  usePhoneCode(code: unknown): PhoneCode {
    const c = typeof code === 'string' ? this.phoneCodes.get(code) : undefined;
    if (typeof code === 'string') this.phoneCodes.delete(code);
    if (!c || c.expiresAt <= this.now()) throw new SimError(40029);
    return c;
  }

  /** The first pending fault for this call, spent by one. */
  takeFault(path: string, appid?: string): Fault | undefined {
    const f = this.faults.find((x) => x.times > 0 && x.path === path && (!x.appid || x.appid === appid));
    if (f) f.times--;
    this.faults = this.faults.filter((x) => x.times > 0);
    return f;
  }

  private latest(appid: string, kind: TokenRecord['kind']): TokenRecord | undefined {
    const t = this.current.get(`${kind}:${appid}`);
    return t ? this.tokens.get(t) : undefined;
  }

  /** A dev server runs for days: now and then drop expired codes and long-dead tokens. */
  private pruneNow(): void {
    if (++this.mints % 1000) return;
    const now = this.now();
    for (const m of [this.loginCodes, this.phoneCodes]) for (const [k, v] of m) if (v.expiresAt <= now) m.delete(k);
    for (const [k, v] of this.tokens) if (v.expiresAt < now - 86_400_000) this.tokens.delete(k);
  }

  private issue(appid: string, kind: TokenRecord['kind']): TokenRecord {
    this.pruneNow();
    const rec: TokenRecord = { token: mint(96), appid, kind, expiresAt: this.now() + TOKEN_TTL_S * 1000 };
    this.tokens.set(rec.token, rec);
    this.current.set(`${kind}:${appid}`, rec.token);
    return rec;
  }
}
