/**
 * The WeChat API simulator: a real HTTP server honouring the official request/response
 * contracts (docs/wechat.md), used in development (mounted at /__wechat__) and in tests.
 * One file per WeChat area; each exports a router built on the shared state.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Koa from 'koa';
import { loadConfig, type Config } from '../../../../config';
import { devRoutes } from './dev';
import { draftRoutes } from './draft';
import { freepublishRoutes } from './freepublish';
import { countAndFault, errors } from './http';
import { materialRoutes } from './material';
import { mpRoutes } from './mp';
import { mpDevRoutes } from './mp-dev';
import { mpStateOf, type PushTarget } from './mp-state';
import { snsRoutes } from './sns';
import { SimulatorState, type SimApp } from './state';
import { tokenRoutes } from './token';
import { wxaRoutes } from './wxa';
import { wxacodeRoutes } from './wxacode';

export { SimulatorState, loopbackOnly, type SimApp, type Fault, type TokenRecord } from './state';
export { mpStateOf, type MpState, type PushTarget } from './mp-state';

export interface SimulatorOptions {
  /** Accounts it knows; defaults to the config's mini-program and public account. */
  apps?: SimApp[];
  /** Where the default apps come from; loadConfig() when omitted. */
  config?: Config;
  /** Share one state between apps (e.g. a test holding it); a new one otherwise. */
  state?: SimulatorState;
  /** Where pushed messages go until /dev/push-config says otherwise (embedded mode: this server). */
  push?: () => PushTarget | undefined;
  /** Which URLs pushes may go to: servers on this machine unless told (embedded: this server alone). */
  allowPushTo?: (url: URL) => boolean;
  /** The time it lives on (embedded: the server's clock); the system's otherwise. */
  now?: () => number;
}

export type SimulatorApp = Koa & { simulator: SimulatorState };

export function defaultApps(config: Config): SimApp[] {
  const { mini, mp } = config.wechat;
  return [
    { appid: mini.appid, secret: mini.secret, type: 'mini' },
    { appid: mp.appid, secret: mp.secret, type: 'mp' },
  ];
}

export function createSimulatorApp(opts: SimulatorOptions = {}): SimulatorApp {
  const state =
    opts.state ??
    new SimulatorState(opts.apps ?? defaultApps(opts.config ?? loadConfig(process.env, { wechat: false })));
  if (opts.allowPushTo) state.allowPushTo = opts.allowPushTo;
  if (opts.now) state.clock = opts.now;
  const app = new Koa() as SimulatorApp;
  app.simulator = state;
  app.use(errors());
  app.use(countAndFault(state));
  const mp = mpStateOf(state, opts.push);
  for (const router of [
    tokenRoutes(state),
    snsRoutes(state),
    wxaRoutes(state),
    wxacodeRoutes(state),
    freepublishRoutes(state),
    draftRoutes(state),
    materialRoutes(state),
    mpRoutes(mp),
    mpDevRoutes(mp),
    devRoutes(state),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { errcode: 40066, errmsg: 'invalid url' };
  });
  return app;
}

export interface RunningSimulator {
  url: string;
  state: SimulatorState;
  close(): Promise<void>;
}

/** Runs the simulator alone on 127.0.0.1 (port 0 = a free one). */
export async function startSimulator(
  opts: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningSimulator> {
  const app = createSimulatorApp(opts);
  const server = http.createServer(app.callback());
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    state: app.simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // clients keep-alive; don't wait for them
      }),
  };
}
