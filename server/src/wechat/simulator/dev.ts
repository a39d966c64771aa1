import { Router } from '@koa/router';
import { SimError } from './errors';
import { readJson } from './http';
import type { Fault, SimulatorState } from './state';

const bad = (what: string) => new SimError(40097, `invalid args: ${what}`, 400);
const str = (v: unknown, what: string, re: RegExp): string => {
  if (typeof v !== 'string' || !re.test(v)) throw bad(what);
  return v;
};
const opt = <T>(v: unknown, f: (v: unknown) => T): T | undefined => (v === undefined || v === null ? undefined : f(v));

/** Helpers for development and tests; never part of WeChat's contract. */
export function devRoutes(state: SimulatorState): Router {
  const router = new Router({ prefix: '/dev' });

  // What wx.login() would hand the mini-program.
  router.post('/login-code', async (ctx) => {
    const b = await readJson(ctx);
    ctx.body = {
      code: state.mintLoginCode({
        openid: str(b.openid, 'openid', /^[A-Za-z0-9_-]{1,64}$/),
        unionid: opt(b.unionid, (v) => str(v, 'unionid', /^[A-Za-z0-9_-]{1,64}$/)),
        appid: opt(b.appid, (v) => str(v, 'appid', /^wx[0-9a-zA-Z]{8,30}$/)),
        risky: b.risky === true,
      }),
    };
  });

  // What the getPhoneNumber button's e.detail.code would be.
  router.post('/phone-code', async (ctx) => {
    const b = await readJson(ctx);
    ctx.body = { code: state.mintPhoneCode(str(b.phoneNumber, 'phoneNumber', /^(\+86)?1\d{10}$/)) };
  });

  router.get('/stats', (ctx) => {
    ctx.body = state.stats;
  });

  router.post('/expire-tokens', async (ctx) => {
    const b = await readJson(ctx, { optional: true });
    ctx.body = { expired: state.expireTokens(opt(b.appid, (v) => str(v, 'appid', /^\S+$/))) };
  });

  router.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });

  // Accounts added at run time (e.g. content-matrix members).
  router.post('/apps', async (ctx) => {
    const b = await readJson(ctx);
    const type = opt(b.type, (v) => str(v, 'type', /^(mini|mp)$/) as 'mini' | 'mp');
    state.addApp({
      appid: str(b.appid, 'appid', /^wx[0-9a-zA-Z]{8,30}$/),
      secret: str(b.secret, 'secret', /^\S{1,128}$/),
      type,
    });
    ctx.body = { ok: true };
  });

  // Moves the simulator's clock forward, to reach expiries without waiting.
  router.post('/advance', async (ctx) => {
    const { seconds } = await readJson(ctx);
    if (typeof seconds !== 'number' || !(seconds >= 0)) throw bad('seconds');
    state.advance(seconds * 1000);
    ctx.body = { now: state.now() };
  });

  // Next `times` calls to `path` answer `errcode` and/or are delayed by `delayMs`.
  router.post('/faults', async (ctx) => {
    const b = await readJson(ctx);
    const int = (what: string) => (v: unknown) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(what);
      return v;
    };
    const fault: Fault = {
      path: str(b.path, 'path', /^\/\S+$/),
      errcode: opt(b.errcode, int('errcode')),
      errmsg: opt(b.errmsg, (v) => str(v, 'errmsg', /^.{1,200}$/)),
      delayMs: opt(b.delayMs, int('delayMs')),
      times: opt(b.times, int('times')) ?? 1,
      appid: opt(b.appid, (v) => str(v, 'appid', /^\S+$/)),
    };
    if (fault.errcode === undefined && fault.delayMs === undefined) throw bad('errcode or delayMs');
    state.faults.push(fault);
    ctx.body = { ok: true };
  });

  return router;
}
