import Router from '@koa/router';
import { bearer, requireCitizen } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import { sendJson } from '../../platform/http';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { IdentityApi } from './index';
import { identityBody, loginBody, phoneBody } from './schemas';

export function identityRoutes(p: Platform, api: IdentityApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);

  router.post('/api/auth/login', async (ctx) => {
    const { code } = parse(loginBody, ctx.request.body);
    ctx.body = await api.login(code, ctx.ip);
  });
  // Signing out ends this session at once, on every process (it lives in the shared cache).
  router.post('/api/auth/logout', citizen, async (ctx) => {
    await p.citizenSessions.revoke(bearer(ctx)!);
    ctx.status = 204;
  });
  // Every page a citizen opens asks this: the session and the citizen's row in one round trip.
  const citizenWithRow = requireCitizen(p.citizenSessions, api.meKeys);
  // The answer's bytes by its view (views are kept and never changed, see api.me): a citizen's
  // every page would otherwise serialise the same profile again.
  const answers = new WeakMap<object, Buffer>();
  router.get('/api/me', citizenWithRow, async (ctx) => {
    const user = await api.me(ctx.state.citizen!.userId, ctx.state.citizenCompanions);
    let bytes = answers.get(user);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify({ user }));
      answers.set(user, bytes);
    }
    sendJson(ctx, bytes);
  });
  router.put('/api/me/identity', citizen, async (ctx) => {
    // Verified with the identity provider first: a refusal is a 422 saying why, and binds nothing.
    ctx.body = await api.bindIdentity(ctx.state.citizen!.userId, parse(identityBody, ctx.request.body), ctx.ip);
  });
  router.put('/api/me/phone', citizen, async (ctx) => {
    ctx.body = await api.bindPhone(ctx.state.citizen!.userId, parse(phoneBody, ctx.request.body).code);
  });
  return router;
}
