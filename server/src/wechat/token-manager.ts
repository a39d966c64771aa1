/**
 * Access tokens for every account we act as, shared by all processes through the cache.
 *
 * - `wx:token:<appid>` holds `{token, expiresAt}`; its cache TTL ends `marginMs` before WeChat's
 *   expiry, so a token read from the cache is always one we may use.
 * - Only one process refreshes an appid at a time (cache.withLock); whoever gets the lock reads
 *   again first, and only fetches when the cache is still empty or still holds the token that
 *   was rejected. Waiters therefore pick up the peer's fresh token instead of fetching, and a
 *   stale token never overwrites a fresh one (writes only happen under the lock).
 * - Within one process, concurrent refreshes of an appid share one promise, so 50 waiting
 *   requests poll the lock once, not 50 times.
 * - A rejected token (40001/40014/42001) costs at most one refresh and one retry: no loops that
 *   burn the daily quota.
 */
import { LockTimeoutError, type Cache } from '../platform/cache';
import { isTokenError, WechatError, wechatErrorOf } from './errors';
import { createTransport, type Transport } from './transport';

export interface AppCredentials {
  appid: string;
  secret: string;
}

/** Looks up the secret of an appid that was not registered (e.g. a content-matrix member in the DB). */
export type SecretResolver = (appid: string) => Promise<string | undefined> | string | undefined;

export interface TokenManagerOptions {
  cache: Cache;
  /** Base URL of the WeChat API; a function because the embedded simulator's port is known late. */
  apiBase: () => string;
  apps?: AppCredentials[];
  resolveSecret?: SecretResolver;
  /** Prefer POST /cgi-bin/stable_token (default) over GET /cgi-bin/token. */
  stable?: boolean;
  /** Stop using a token this long before WeChat's expiry. Below 5 min, so stable_token renews it. */
  marginMs?: number;
  timeoutMs?: number;
  /** Spacing of force_refresh per appid across all processes (WeChat allows 20 a day). */
  forceRefreshIntervalMs?: number;
  transport?: Transport;
}

interface StoredToken {
  token: string;
  expiresAt: number;
}

export const tokenKey = (appid: string) => `wx:token:${appid}`;

export class TokenManager {
  private readonly secrets = new Map<string, string>();
  /** Appids whose secret came from resolveSecret (the DB), and may change behind our back. */
  private readonly resolved = new Set<string>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly cache: Cache;
  private readonly apiBase: () => string;
  private readonly resolveSecret?: SecretResolver;
  private readonly stable: boolean;
  private readonly marginMs: number;
  private readonly timeoutMs: number;
  private readonly forceIntervalMs: number;
  private readonly transport: Transport;

  constructor(opts: TokenManagerOptions) {
    this.cache = opts.cache;
    this.apiBase = opts.apiBase;
    this.resolveSecret = opts.resolveSecret;
    this.stable = opts.stable ?? true;
    this.marginMs = opts.marginMs ?? 120_000;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.forceIntervalMs = opts.forceRefreshIntervalMs ?? 10 * 60_000;
    this.transport = opts.transport ?? createTransport({ timeoutMs: this.timeoutMs });
    for (const app of opts.apps ?? []) this.register(app.appid, app.secret);
  }

  register(appid: string, secret: string): void {
    this.secrets.set(appid, secret);
  }

  /** A usable token: from the cache, or fetched by exactly one process. */
  async getToken(appid: string): Promise<string> {
    return (await this.read(appid))?.token ?? this.refresh(appid);
  }

  /**
   * A token other than `rejected` (when given): the cached one if a peer already replaced it,
   * else a new one from WeChat. Concurrent callers in this process share one refresh.
   */
  refresh(appid: string, rejected?: string): Promise<string> {
    const running = this.inflight.get(appid);
    if (running) return running;
    const refreshing = this.cache
      .withLock(`wx:token-refresh:${appid}`, () => this.refreshLocked(appid, rejected), {
        // Outlive two fetches (normal + forced) so the lock never lapses mid-refresh.
        ttlMs: this.timeoutMs * 3 + 1000,
        waitMs: this.timeoutMs * 3 + 2000,
      })
      .catch((err) => {
        // A peer holding the lock too long looks like WeChat being busy to our callers.
        throw err instanceof LockTimeoutError ? new WechatError(-1, 'system busy (token refresh lock timeout)') : err;
      })
      .finally(() => this.inflight.delete(appid));
    this.inflight.set(appid, refreshing);
    return refreshing;
  }

  /**
   * Runs `call` with a token. If WeChat says the token is no good, refreshes once (unless a peer
   * already did) and retries once; a second rejection is thrown, not retried.
   */
  async withToken<T>(appid: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getToken(appid);
    try {
      return await call(token);
    } catch (err) {
      if (!isTokenError(err)) throw err;
      const fresh = await this.refresh(appid, token);
      if (fresh === token) throw err; // WeChat hands back the token it rejects: retrying can't help
      return call(fresh);
    }
  }

  /** Drops the cached token only if it is still `token` (never a peer's newer one). */
  async invalidate(appid: string, token: string): Promise<void> {
    await this.cache.withLock(`wx:token-refresh:${appid}`, async () => {
      if ((await this.read(appid))?.token === token) await this.cache.del(tokenKey(appid));
    });
  }

  private async refreshLocked(appid: string, rejected?: string): Promise<string> {
    const current = await this.read(appid);
    if (current && current.token !== rejected) return current.token; // a peer refreshed meanwhile
    let fresh = await this.fetch(appid, false);
    // stable_token may hand back the very token an API just rejected (e.g. someone else forced a
    // refresh we never saw). Force a new one, at most once per interval across all processes.
    if (
      rejected &&
      fresh.token === rejected &&
      this.stable &&
      (await this.cache.setIfAbsent(`wx:token-force:${appid}`, '1', this.forceIntervalMs))
    ) {
      fresh = await this.fetch(appid, true);
    }
    const remaining = fresh.expiresAt - Date.now();
    // A token already inside the margin is still good for a short while: cache it briefly.
    const ttl = remaining > this.marginMs ? remaining - this.marginMs : Math.min(30_000, remaining);
    if (ttl > 0) await this.cache.set(tokenKey(appid), JSON.stringify(fresh), ttl);
    return fresh.token;
  }

  private async read(appid: string): Promise<StoredToken | null> {
    const raw = await this.cache.get(tokenKey(appid));
    if (!raw) return null;
    try {
      const t = JSON.parse(raw) as StoredToken;
      return typeof t.token === 'string' && t.expiresAt > Date.now() ? t : null;
    } catch {
      return null;
    }
  }

  private async secretOf(appid: string): Promise<string> {
    let secret = this.secrets.get(appid);
    if (secret === undefined && this.resolveSecret) {
      secret = await this.resolveSecret(appid);
      if (secret) {
        this.secrets.set(appid, secret);
        this.resolved.add(appid);
      }
    }
    if (!secret) throw new WechatError(40013, `invalid appid: no secret known for ${appid}`);
    return secret;
  }

  private async fetch(appid: string, force: boolean): Promise<StoredToken> {
    try {
      return await this.fetchWith(appid, force, await this.secretOf(appid));
    } catch (err) {
      // A secret from the DB may have been changed by another process since we read it:
      // on "bad credentials", read it once more before giving up.
      const condition = wechatErrorOf(err)?.condition;
      if ((condition !== 'credentials-invalid' && condition !== 'token-invalid') || !this.resolved.has(appid))
        throw err;
      const before = this.secrets.get(appid);
      this.secrets.delete(appid);
      this.resolved.delete(appid);
      const secret = await this.secretOf(appid);
      if (secret === before) throw err;
      return this.fetchWith(appid, force, secret);
    }
  }

  private async fetchWith(appid: string, force: boolean, secret: string): Promise<StoredToken> {
    const base = this.apiBase().replace(/\/+$/, '');
    const started = Date.now();
    const answer = this.stable
      ? await this.transport.json<{ access_token: string; expires_in: number }>(`${base}/cgi-bin/stable_token`, {
          grant_type: 'client_credential',
          appid,
          secret,
          ...(force ? { force_refresh: true } : {}),
        })
      : await this.transport.json<{ access_token: string; expires_in: number }>(
          `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(secret)}`,
        );
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new WechatError(-1, 'system busy (token answer without access_token)');
    }
    // Count expiry from when we asked, not when the answer arrived: errs on the safe side.
    return { token: answer.access_token, expiresAt: started + answer.expires_in * 1000 };
  }
}
