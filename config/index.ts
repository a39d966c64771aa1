/**
 * One typed, validated configuration. Every default serves the embedded mode (SQLite file,
 * in-process cache, the built-in WeChat simulator); environment variables override.
 */
import path from 'node:path';
import { z } from 'zod';

export const ROOT_DIR = path.resolve(__dirname, '..');

// Development defaults. Production refuses to start on any of them.
export const DEV_SECRETS = {
  WX_MINI_SECRET: 'dev-mini-secret-0000000000000000',
  WX_MP_SECRET: 'dev-mp-secret-000000000000000000',
  WX_MP_TOKEN: 'devtoken',
  WX_MP_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  SESSION_SECRET: 'dev-session-secret-change-me-in-production',
  PII_KEY: 'ZGV2LXBpaS1rZXktY2hhbmdlLW1lLWluLXByb2QtMDA=',
  // Ed25519 seed (32 bytes, base64) that signs 志愿服务记录证明.
  VOLUNTEER_CERT_KEY: 'ZGV2LXZvbHVudGVlci1jZXJ0LWtleS1jaGFuZ2UtbWU=',
} as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const appid = z.string().regex(/^wx[0-9a-zA-Z]{8,30}$/, 'must look like a WeChat appid (wx…)');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
    .default(`sqlite:${path.join('data', 'minzheng.sqlite')}`),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .optional(),
  REDIS_PREFIX: z.string().min(1).default('mz:'),
  WECHAT_API_BASE: z.string().url('must be a URL').optional(),
  // The WeChat simulator at /__wechat__ (anyone reaching it can log in as anyone): only when asked.
  WECHAT_SIMULATOR: bool.optional(),
  WX_MINI_APPID: appid.default('wxd0000000000000a1'),
  WX_MINI_SECRET: z.string().min(16).default(DEV_SECRETS.WX_MINI_SECRET),
  WX_MP_APPID: appid.default('wxd0000000000000b2'),
  WX_MP_SECRET: z.string().min(16).default(DEV_SECRETS.WX_MP_SECRET),
  WX_MP_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits')
    .default(DEV_SECRETS.WX_MP_TOKEN),
  WX_MP_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters or digits')
    .default(DEV_SECRETS.WX_MP_AES_KEY),
  // Where WeChat pushes the public account's messages and events (the URL set in its console).
  WX_MP_PUSH_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]{1,100}$/, 'must be a path like /wechat/mp')
    .default('/wechat/mp'),
  // The push endpoints' message mode, as set in WeChat's console (服务器配置 → 消息加解密方式).
  // The request never chooses it; production runs safe.
  WX_MP_PUSH_MODE: z.enum(['plain', 'compatible', 'safe']).default('safe'),
  // How far a push's timestamp may be from our clock, either way; older or newer is refused.
  WX_MP_PUSH_WINDOW_SECONDS: int(30, 3600).default(300),
  // Notice dispatch: WeChat sends per second across every worker; a claimed row's lease.
  NOTICE_RATE_PER_SEC: int(1, 100000).default(200),
  NOTICE_LEASE_MS: int(2000, 600_000).default(30_000),
  // developer | trial | formal: which mini-program build a subscribe message opens.
  WX_MINI_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_SECRETS.SESSION_SECRET),
  PII_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .default(DEV_SECRETS.PII_KEY),
  VOLUNTEER_CERT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be a 32-byte Ed25519 seed, base64-encoded')
    .default(DEV_SECRETS.VOLUNTEER_CERT_KEY),
  // Per minute. A hall's Wi-Fi puts many honest citizens behind one address.
  RATE_LOGIN_PER_IP: int(1, 1000000).default(300),
  RATE_STAFF_LOGIN_PER_IP: int(1, 1000000).default(30),
  // Booking attempts per minute. Per address high (hall Wi-Fi, campus NAT), per person low
  // enough to stop a grabbing script, far above what a person taps.
  RATE_BOOKING_PER_IP: int(1, 10_000_000).default(1200),
  RATE_BOOKING_PER_USER: int(1, 100000).default(30),
  // Real-name binding attempts per hour: a person binds once and may correct a typo; a script
  // probing ID numbers needs thousands. Per address high enough for a hall's Wi-Fi.
  RATE_IDENTITY_PER_USER: int(1, 100000).default(10),
  RATE_IDENTITY_PER_IP: int(1, 10_000_000).default(300),
  SESSION_TTL_SECONDS: int(60, 90 * 86400).default(7 * 86400),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_KB: int(1, 10240).default(256),
  // Connections each process keeps to MySQL. A few per core of the database: more let
  // queries contend for its CPU (measured with full-text search: 20 gave a worse tail than 4–8).
  DB_POOL_MAX: int(1, 200).default(8),
  HOTLINE: z
    .string()
    .regex(/^[0-9-]{3,20}$/)
    .default('12345'),
  // Per-region hotlines: "44=12349,4403=0755-12345" (division-code prefix = number).
  HOTLINES: z
    .string()
    .regex(/^(\d{2,6}=[0-9-]{3,20})(,\d{2,6}=[0-9-]{3,20})*$/, 'must be like 44=12349,4403=12345')
    .optional(),
  SEED_DEMO: bool.optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SERVE_H5: bool.default(true),
  // Whether this server process also processes queued jobs; `npm run worker` always does.
  RUN_WORKERS: bool.default(true),
  TRUST_PROXY: bool.default(false),
  // Whether each server process holds the current place names for the public's prefix search
  // (some 120 MB a million names); off, the database answers every first-time search.
  PLACE_NAME_INDEX: bool.default(true),
  // Tests only: how far the server's clock runs ahead of the system's, so a spawned process
  // can live on another day. Production refuses it.
  CLOCK_OFFSET_MS: z.coerce.number().int().optional(),
  // 社会救助: the household economic check (家庭经济状况核对) service. Unset: the built-in
  // simulator answers outside production; in production, checks wait until it is set.
  ASSISTANCE_CHECK_URL: z.string().url('must be a URL').optional(),
  ASSISTANCE_CHECK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Real-name verification (实名核验): the provider that checks name + ID number. `http` with
  // IDENTITY_VERIFY_URL in production (the simulator is refused there); default: `http` when the
  // URL is set, else the built-in simulator.
  IDENTITY_VERIFY_PROVIDER: z.enum(['simulator', 'http']).optional(),
  IDENTITY_VERIFY_URL: z.string().url('must be a URL').optional(),
  IDENTITY_VERIFY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  database: { url: string; dialect: 'sqlite' | 'mysql'; storage?: string; poolMax: number };
  redis: { url?: string; prefix: string };
  wechat: {
    /** Undefined means: the simulator mounted on this server under /__wechat__. */
    apiBase?: string;
    /** Mount the WeChat simulator at /__wechat__ (WECHAT_SIMULATOR; never in production). */
    embeddedSimulator: boolean;
    mini: { appid: string; secret: string };
    mp: {
      appid: string;
      secret: string;
      token: string;
      aesKey: string;
      pushPath: string;
      pushMode: 'plain' | 'compatible' | 'safe';
      pushWindowSeconds: number;
    };
    miniState: 'developer' | 'trial' | 'formal';
  };
  notices: { ratePerSec: number; leaseMs: number };
  sessionSecret: string;
  sessionTtlSeconds: number;
  rateLimits: {
    loginPerIp: number;
    staffLoginPerIp: number;
    bookingPerIp: number;
    bookingPerUser: number;
    identityPerUser: number;
    identityPerIp: number;
  };
  piiKey: Buffer;
  /** The Ed25519 seed that signs volunteer service certificates (VOLUNTEER_CERT_KEY). */
  volunteerCertKey: Buffer;
  logLevel: Env['LOG_LEVEL'];
  bodyLimit: string;
  hotline: { default: string; byRegion: Record<string, string> };
  seedDemo: boolean;
  adminPassword?: string;
  serveH5: boolean;
  runWorkers: boolean;
  trustProxy: boolean;
  /** PLACE_NAME_INDEX: the public place-name search reads the names held in the process. */
  placeNameIndex: boolean;
  /** Tests only (refused in production): how far `platform.clock` runs ahead of the system's. */
  clockOffsetMs: number;
  /** The household economic check service; `url` undefined means the built-in simulator. */
  assistance: { checkUrl?: string; checkToken?: string };
  /** Real-name verification: the simulator (never in production) or a provider over HTTP. */
  identityVerify: { provider: 'simulator' | 'http'; url?: string; token?: string };
}

export class ConfigError extends Error {}

export interface LoadOptions {
  /** false for tools that never call WeChat (migrations, the register seeder): no WeChat endpoint required. */
  wechat?: boolean;
}

/**
 * Whether the WeChat simulator is mounted: when WECHAT_SIMULATOR says so, else only in the
 * embedded mode (no DATABASE_URL, REDIS_URL or WECHAT_API_BASE) outside production. A
 * deployment on MySQL/Redis (the README's multi-process example) never gets it by default.
 */
function simulatorWanted(e: Env, raw: Record<string, unknown>): boolean {
  if (e.WECHAT_SIMULATOR !== undefined) return e.WECHAT_SIMULATOR;
  return e.NODE_ENV !== 'production' && !raw.DATABASE_URL && !e.REDIS_URL && !e.WECHAT_API_BASE;
}

/** Parses the environment; a bad value throws ConfigError with one line naming the variable. */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  options: LoadOptions = {},
): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(raw[name] ?? null)})`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const simulator = simulatorWanted(e, raw);

  if (production) {
    for (const [name, value] of Object.entries(DEV_SECRETS)) {
      if ((e as Record<string, unknown>)[name] === value) {
        throw new ConfigError(
          `Invalid configuration: ${name} is the development default; set a real secret in production`,
        );
      }
    }
    if (e.CLOCK_OFFSET_MS !== undefined) {
      throw new ConfigError('Invalid configuration: CLOCK_OFFSET_MS is for tests; production keeps the real time');
    }
    if (e.WX_MP_PUSH_MODE !== 'safe') {
      throw new ConfigError(
        'Invalid configuration: WX_MP_PUSH_MODE must be safe in production (in plain mode the signature does not cover the message)',
      );
    }
    if (simulator) {
      throw new ConfigError(
        'Invalid configuration: WECHAT_SIMULATOR is for development and tests; production talks to WeChat',
      );
    }
    if (e.IDENTITY_VERIFY_PROVIDER === 'simulator') {
      throw new ConfigError(
        'Invalid configuration: IDENTITY_VERIFY_PROVIDER=simulator is for development and tests; production verifies real names with a provider (IDENTITY_VERIFY_URL)',
      );
    }
    if (options.wechat !== false && !e.IDENTITY_VERIFY_URL) {
      throw new ConfigError(
        'Invalid configuration: IDENTITY_VERIFY_URL is required in production (the real-name verification provider); the simulator is for development and tests',
      );
    }
    if (!e.WECHAT_API_BASE || e.WECHAT_API_BASE.includes('/__wechat__')) {
      throw new ConfigError(
        'Invalid configuration: WECHAT_API_BASE must point at WeChat (https://api.weixin.qq.com) in production, not the simulator',
      );
    }
  }

  if (e.IDENTITY_VERIFY_PROVIDER === 'http' && !e.IDENTITY_VERIFY_URL) {
    throw new ConfigError('Invalid configuration: IDENTITY_VERIFY_PROVIDER=http needs IDENTITY_VERIFY_URL');
  }

  if (options.wechat !== false && !simulator && !e.WECHAT_API_BASE) {
    throw new ConfigError(
      'Invalid configuration: WECHAT_API_BASE is required (https://api.weixin.qq.com), or WECHAT_SIMULATOR=true in development',
    );
  }

  const sqlite = e.DATABASE_URL.startsWith('sqlite:');
  const storage = sqlite ? e.DATABASE_URL.slice('sqlite:'.length).replace(/^\/\//, '') : undefined;
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    database: {
      url: e.DATABASE_URL.replace(/^mariadb:/, 'mysql:'),
      dialect: sqlite ? 'sqlite' : 'mysql',
      storage: storage && storage !== ':memory:' ? path.resolve(ROOT_DIR, storage) : storage,
      poolMax: e.DB_POOL_MAX,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    wechat: {
      apiBase: e.WECHAT_API_BASE?.replace(/\/+$/, ''),
      embeddedSimulator: simulator,
      mini: { appid: e.WX_MINI_APPID, secret: e.WX_MINI_SECRET },
      mp: {
        appid: e.WX_MP_APPID,
        secret: e.WX_MP_SECRET,
        token: e.WX_MP_TOKEN,
        aesKey: e.WX_MP_AES_KEY,
        pushPath: e.WX_MP_PUSH_PATH,
        pushMode: e.WX_MP_PUSH_MODE,
        pushWindowSeconds: e.WX_MP_PUSH_WINDOW_SECONDS,
      },
      miniState: e.WX_MINI_STATE,
    },
    notices: { ratePerSec: e.NOTICE_RATE_PER_SEC, leaseMs: e.NOTICE_LEASE_MS },
    sessionSecret: e.SESSION_SECRET,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    rateLimits: {
      loginPerIp: e.RATE_LOGIN_PER_IP,
      staffLoginPerIp: e.RATE_STAFF_LOGIN_PER_IP,
      bookingPerIp: e.RATE_BOOKING_PER_IP,
      bookingPerUser: e.RATE_BOOKING_PER_USER,
      identityPerUser: e.RATE_IDENTITY_PER_USER,
      identityPerIp: e.RATE_IDENTITY_PER_IP,
    },
    piiKey: Buffer.from(e.PII_KEY, 'base64'),
    volunteerCertKey: Buffer.from(e.VOLUNTEER_CERT_KEY, 'base64'),
    logLevel: e.LOG_LEVEL,
    bodyLimit: `${e.BODY_LIMIT_KB}kb`,
    hotline: {
      default: e.HOTLINE,
      byRegion: Object.fromEntries(
        (e.HOTLINES ?? '')
          .split(',')
          .filter(Boolean)
          .map((p) => p.split('=') as [string, string]),
      ),
    },
    seedDemo: e.SEED_DEMO ?? !production,
    adminPassword: e.ADMIN_PASSWORD,
    serveH5: e.SERVE_H5,
    runWorkers: e.RUN_WORKERS,
    trustProxy: e.TRUST_PROXY,
    placeNameIndex: e.PLACE_NAME_INDEX,
    clockOffsetMs: e.CLOCK_OFFSET_MS ?? 0,
    assistance: { checkUrl: e.ASSISTANCE_CHECK_URL?.replace(/\/+$/, ''), checkToken: e.ASSISTANCE_CHECK_TOKEN },
    identityVerify: {
      provider: e.IDENTITY_VERIFY_PROVIDER ?? (e.IDENTITY_VERIFY_URL ? 'http' : 'simulator'),
      url: e.IDENTITY_VERIFY_URL?.replace(/\/+$/, ''),
      token: e.IDENTITY_VERIFY_TOKEN,
    },
  };
}
