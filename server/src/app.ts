import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import type { DestinationStream } from 'pino';
import type { Config } from '../../config';
import { ROOT_DIR } from '../../config';
import { apiDocsRoutes } from './api-docs';
import { consoleStatic } from './console-static';
import { createAudit } from './platform/audit';
import { citizenSubject, createSessions, createStaffSessions, type CitizenSession } from './platform/auth';
import { createCache } from './platform/cache';
import { createClock, type MovableClock } from './platform/clock';
import type { AppState } from './platform/context';
import { createPiiCrypto } from './platform/crypto';
import { createDb } from './platform/db';
import { createEvents } from './platform/events';
import { createJobs } from './platform/jobs';
import { stoppableServer } from './platform/graceful-stop';
import { htmlPolicy, securityHeaders } from './platform/security-headers';
import { migrate } from './platform/db/migrate';
import { MIGRATIONS } from './migrations';
import {
  errorHandler,
  jsonBody,
  moduleRoutes,
  refuseControlChars,
  requestContext,
  requestsInFlight,
} from './platform/http';
import { createLogger } from './platform/logger';
import type { Platform } from './platform/platform';
import { createWechat, type SecretResolver } from './wechat';
import { createSimulatorApp } from './wechat/simulator';
import { createAssistance } from './modules/assistance';
import { createCases } from './modules/cases';
import { createCatalogue } from './modules/catalogue';
import { createElderly } from './modules/elderly';
import { createDivisions } from './modules/divisions';
import { createHalls } from './modules/halls';
import { createBookings } from './modules/bookings';
import { createQueue } from './modules/queue';
import { createMarriageKb } from './modules/marriage-kb';
import { createIdentity } from './modules/identity';
import { createMatrix } from './modules/matrix';
import { createMp } from './modules/mp';
import { createNotices } from './modules/notices';
import { createPlaceNames } from './modules/placenames';
import { createFamilySearch } from './modules/family-search';
import { createSearch } from './modules/search';
import { createSite } from './modules/site';
import { createSocialWork } from './modules/social-work';
import { createStaff } from './modules/staff';
import { createSocialOrgs } from './modules/social-orgs';
import { createStats } from './modules/stats';
import { createFuneral } from './modules/funeral';
import { createVolunteer } from './modules/volunteer';
import { createCommunity } from './modules/community';

export const H5_DIR = path.join(ROOT_DIR, 'miniprogram', 'dist-h5');

export interface CreateAppOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
}

/**
 * Builds the whole server — platform, WeChat, every module — without listening, so tests
 * run the real thing in-process on a random port and `main` adds only the process concerns.
 */
export async function createApp(config: Config, options: CreateAppOptions = {}) {
  const logger = createLogger(config.logLevel, options.logStream);
  const db = createDb(config);
  const cache = createCache(config.redis.url, config.redis.prefix);
  await db.authenticate();
  const pii = createPiiCrypto(config.piiKey);
  await migrate(db, MIGRATIONS, { pii });

  const clock = createClock(config.clockOffsetMs);
  // Modules read the clock; tests move it through `app.platform.clock`.
  const platform: Platform & { clock: MovableClock } = {
    config,
    clock,
    db,
    cache,
    events: createEvents(config.redis.url, config.redis.prefix),
    logger,
    audit: createAudit(db, clock),
    pii,
    jobs: createJobs(config.redis.url, config.redis.prefix, logger),
    // A citizen token names its user, so a request reads the session and that user's row in one round trip.
    citizenSessions: createSessions<CitizenSession>(cache, 'citizen', config.sessionTtlSeconds, {
      subject: citizenSubject,
    }),
    staffSessions: createStaffSessions(cache, 8 * 3600),
  };

  // Embedded mode: WeChat is the simulator mounted on this very server, whose address is
  // known only once it listens.
  let selfUrl = `http://127.0.0.1:${config.port}`;
  // Content-matrix members' secrets are known to the matrix module, created further down.
  let memberSecret: SecretResolver = () => undefined;
  const wechat = createWechat({
    config,
    cache,
    apiBase: () => config.wechat.apiBase ?? `${selfUrl}/__wechat__`,
    resolveSecret: (appid) => memberSecret(appid),
  });

  const identity = createIdentity(platform, wechat);
  const staff = createStaff(platform, identity.api);
  const divisions = createDivisions();
  // Which areas are live: @minzheng/contracts SERVICE_AREAS (the one source, also the mini-program's).
  const site = createSite(platform);
  const marriageKb = createMarriageKb();
  // The public account's keyword replies answer from the marriage knowledge base's search.
  const mp = createMp(platform, wechat, identity.api, marriageKb.api);
  const notices = createNotices(platform, wechat, mp.api, identity.api);
  const catalogue = createCatalogue(platform);
  const placeNames = createPlaceNames(platform, { divisions: divisions.api, notices: notices.api });
  const familySearch = createFamilySearch(platform, {
    notices: notices.api,
    identity: identity.api,
    divisions: divisions.api,
  });
  const halls = createHalls(platform, wechat, catalogue.api);
  // Roll-up counters for the staff dashboards, kept by bookings, queue and complaints as events happen.
  const stats = createStats(platform, { halls: halls.api });
  // …and by the public account's follows and the notices' WeChat sends.
  mp.api.subscribers.useFollowerCounter((t, what, origin) => stats.api.record.follower(t, what, origin));
  notices.api.useDeliveryCounter((t, channel, step, count) => stats.api.record.notices(t, channel, step, count));
  const socialOrgs = createSocialOrgs(platform, notices.api, stats.api);
  const queue = createQueue(platform, {
    halls: halls.api,
    catalogue: catalogue.api,
    identity: identity.api,
    notices: notices.api,
    stats: stats.api,
  });
  const bookings = createBookings(platform, {
    halls: halls.api,
    catalogue: catalogue.api,
    identity: identity.api,
    notices: notices.api,
    queue: queue.api,
    stats: stats.api,
  });
  // Followers who came through a hall's public-account QR code belong to that hall and its region.
  mp.api.scenes.registerResolver('hall:', async (scene) => {
    const { hallId } = await halls.api.resolveScene(scene);
    return { hallId, divisionCode: (await halls.api.activeHall(hallId)).division_code };
  });
  // Hall QR codes and broadcasts to a hall's followers fall in the scope of the hall's division.
  mp.api.useHallLookup(async (hallId) => {
    const hall = await halls.api.activeHall(hallId).catch(() => null);
    return hall && { id: hall.id, divisionCode: hall.division_code };
  });
  // Broadcast audiences other modules know: the followers of one organization.
  mp.api.segments.registerUserSource('org-followers', ({ uscc }) =>
    socialOrgs.api.follows.followersOf(String(uscc ?? '')),
  );
  // The case engine; modules with applications (assistance, …) register their types with it.
  const cases = createCases(platform, { notices: notices.api, staff: staff.api });
  // An application under review rests on the applicant's real name.
  identity.api.dependents.register(async (userId) => {
    const n = await cases.api.unclosedCountOf(userId);
    return n > 0 ? [`${n}件办理中的申请`] : [];
  });
  const funeral = createFuneral(platform, { socialOrgs: socialOrgs.api, cases: cases.api, notices: notices.api });
  const assistance = createAssistance(platform, { cases: cases.api, identity: identity.api, notices: notices.api });
  const elderly = createElderly(platform, {
    bookings: bookings.api,
    cases: cases.api,
    identity: identity.api,
    notices: notices.api,
  });
  // The staff citizen look-up covers citizens with records in the staff member's halls and divisions.
  for (const module of [bookings.api, queue.api, cases.api]) staff.api.citizens.registerPlaces(module.placesOf);
  const volunteer = createVolunteer(platform, {
    identity: identity.api,
    staff: staff.api,
    socialOrgs: socialOrgs.api,
    notices: notices.api,
  });
  const community = createCommunity(platform, {
    divisions: divisions.api,
    identity: identity.api,
    notices: notices.api,
  });
  const socialWork = createSocialWork(platform, {
    socialOrgs: socialOrgs.api,
    staff: staff.api,
    notices: notices.api,
  });
  // Broadcast audience: the approved members of one volunteer organization, in its division's scope.
  mp.api.segments.registerUserSource(
    'volunteer-org-members',
    ({ orgId }) => volunteer.api.members.memberUserIds(Number(orgId)),
    ({ orgId }) => volunteer.api.members.orgDivision(Number(orgId)),
  );
  const matrix = createMatrix(platform, wechat);
  // The 首页 search reads the catalogue, the halls and the articles through their roots.
  const search = createSearch(platform, {
    catalogue: catalogue.api,
    halls: halls.api,
    marriageKb: marriageKb.api,
    matrix: matrix.api,
    socialOrgs: socialOrgs.api,
    volunteer: volunteer.api,
    elderly: elderly.api,
  });
  memberSecret = matrix.api.members.secretOf;
  const admin = await staff.api.accounts.ensureAdmin();
  await catalogue.api.ensureStandardItems();
  await bookings.schedule();
  await queue.schedule();
  await cases.schedule();
  await stats.schedule();
  await funeral.schedule();
  await assistance.schedule();
  await volunteer.schedule();
  await familySearch.schedule();
  // Every module has defined its jobs by now; this process works them unless told not to.
  if (config.runWorkers) await platform.jobs.start();

  const koa = new Koa<AppState>({ proxy: config.trustProxy });
  koa.silent = true; // errors are logged once, by errorHandler
  const inFlight = requestsInFlight();
  koa.use(inFlight);
  // First to set headers: it writes its whole set at once into a response that has none yet.
  koa.use(securityHeaders());
  koa.use(requestContext(logger));
  koa.use(errorHandler());
  // Layers for a few paths test the path before anything else, without an async frame of their
  // own: every other request passes them on at the cost of a string comparison.
  koa.use((ctx, next) => (ctx.path === '/healthz' ? answerHealth(ctx) : next()));
  const answerHealth = async (ctx: Koa.ParameterizedContext<AppState>) => {
    const answer = await health(platform);
    ctx.body = answer;
    if (answer.status !== 'ok') ctx.status = 503;
  };
  if (config.wechat.embeddedSimulator) {
    const { mp: mpConfig } = config.wechat;
    koa.use(
      onlyUnder(
        '/__wechat__',
        createSimulatorApp({
          // Its push settings take a URL: it may only ever be this very server.
          allowPushTo: (url) => isThisServer(url, selfUrl),
          // WeChat's clock and ours agree: pushes are stamped with the time this server lives on.
          now: () => clock.now(),
          // The simulator pushes the public account's messages to this very server, in its mode.
          push: () => ({
            url: `${selfUrl}${mpConfig.pushPath}`,
            token: mpConfig.token,
            aesKey: mpConfig.aesKey,
            appid: mpConfig.appid,
            mode: mpConfig.pushMode,
          }),
          apps: [
            { appid: config.wechat.mini.appid, secret: config.wechat.mini.secret, type: 'mini' },
            { appid: config.wechat.mp.appid, secret: config.wechat.mp.secret, type: 'mp' },
          ],
        }),
      ),
    );
  }
  // WeChat's XML pushes (ours, and the content matrix members'): read raw, before any body parser.
  koa.use(mp.endpoint);
  koa.use(matrix.endpoint);
  koa.use(jsonBody(config.bodyLimit));
  koa.use(refuseControlChars());
  const routed = [
    identity,
    staff,
    divisions,
    placeNames,
    familySearch,
    site,
    search,
    mp,
    notices,
    catalogue,
    halls,
    bookings,
    queue,
    marriageKb,
    socialOrgs,
    matrix,
    cases,
    assistance,
    elderly,
    stats,
    funeral,
    volunteer,
    community,
    socialWork,
    // /api/openapi.json and /api/docs, built from every module's documented routes.
    apiDocsRoutes(),
  ];
  koa.use(moduleRoutes(routed.map((m) => m.router)));
  koa.use(consoleStatic());
  if (config.serveH5) koa.use(h5());

  let server: http.Server | undefined;
  let stopServer: ((maxMs: number) => Promise<void>) | undefined;
  return {
    koa,
    platform,
    wechat,
    modules: {
      catalogue: catalogue.api,
      halls: halls.api,
      bookings: bookings.api,
      queue: queue.api,
      marriageKb: marriageKb.api,
      identity: identity.api,
      staff: staff.api,
      mp: mp.api,
      notices: notices.api,
      socialOrgs: socialOrgs.api,
      matrix: matrix.api,
      cases: cases.api,
      assistance: assistance.api,
      elderly: elderly.api,
      stats: stats.api,
      funeral: funeral.api,
      volunteer: volunteer.api,
      community: community.api,
      socialWork: socialWork.api,
      placeNames: placeNames.api,
      familySearch: familySearch.api,
    },
    /** Set when this start created the admin with a generated password: print it once. */
    firstAdminPassword: admin.password,
    callback: () => koa.callback(),
    /** The ids of the requests being handled right now. */
    requestIds: () => inFlight.ids(),
    async listen(port = config.port, host = config.host): Promise<string> {
      const stoppable = stoppableServer(koa.callback());
      server = stoppable.server;
      stopServer = stoppable.stop;
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve) => server!.listen(port, host, resolve));
      const address = server.address() as AddressInfo;
      selfUrl = `http://127.0.0.1:${address.port}`;
      return selfUrl;
    },
    /**
     * Stops accepting, answers the requests already received (Connection: close), closes idle
     * connections, then closes jobs, the database and the cache.
     */
    async close() {
      // Event streams (hall displays) never end by themselves: end them so the server can close.
      await platform.events.close();
      await stopServer?.(10_000);
      await inFlight.drained(10_000);
      await platform.jobs.close();
      await db.close();
      await cache.close();
      logger.flush?.();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;

async function health(p: Platform): Promise<{ status: 'ok' | 'unavailable'; db: string; cache: string }> {
  const within = <T>(promise: Promise<T>) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
  const [db, cache] = await Promise.all([
    within(p.db.query('SELECT 1')).then(
      () => 'ok',
      () => 'down',
    ),
    within(p.cache.ping()).then(
      () => 'ok',
      () => 'down',
    ),
  ]);
  return { status: db === 'ok' && cache === 'ok' ? 'ok' : 'unavailable', db, cache };
}

/** `app` mounted at `prefix` (koa-mount), tried only on the paths it could answer: the prefix or below it. */
function onlyUnder(prefix: string, app: Koa<any, any>): Koa.Middleware<AppState> {
  const mounted = mount(prefix, app);
  const below = `${prefix}/`;
  return (ctx, next) => (ctx.path === prefix || ctx.path.startsWith(below) ? mounted(ctx, next) : next());
}

/** A URL on this server as it listens (loopback, our port, plain HTTP). */
function isThisServer(url: URL, selfUrl: string): boolean {
  return (
    url.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
    url.port === new URL(selfUrl).port &&
    !url.username &&
    !url.password
  );
}

/** The H5 build of the mini-program at `/`; hashed assets cached, index.html never. */
function h5() {
  const static_ = serve(H5_DIR, { maxage: 365 * 86400 * 1000, immutable: true, index: false });
  const indexFile = path.join(H5_DIR, 'index.html');
  // Read again only when a build rewrote it; its policy allows its own inline script by hash.
  let index: { mtimeMs: number; html: string; policy: string } | undefined;
  const readIndex = () => {
    const { mtimeMs } = fs.statSync(indexFile);
    if (index?.mtimeMs !== mtimeMs) {
      const html = fs.readFileSync(indexFile, 'utf8');
      index = { mtimeMs, html, policy: htmlPolicy(html) };
    }
    return index;
  };
  return async (ctx: Koa.Context, next: Koa.Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path.startsWith('/api/')) return next();
    if (ctx.path === '/' || ctx.path === '/index.html') {
      if (!fs.existsSync(indexFile)) {
        ctx.status = 503;
        ctx.type = 'html';
        ctx.body =
          '<!doctype html><meta charset="utf-8"><title>民政服务</title><p>小程序 H5 版本尚未构建，请运行 <code>npm run build</code>。</p>';
        return;
      }
      const page = readIndex();
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('Content-Security-Policy', page.policy);
      ctx.type = 'html';
      ctx.body = page.html;
      return;
    }
    return static_(ctx, next);
  };
}
