import { Router } from '@koa/router';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import type { SimulatorState, TokenRecord } from './state';

const answer = (rec: TokenRecord, now: number) => ({
  access_token: rec.token,
  expires_in: Math.max(0, Math.ceil((rec.expiresAt - now) / 1000)),
});

/** Access tokens: /cgi-bin/token, /cgi-bin/stable_token, and getcallbackip as a harmless token probe. */
export function tokenRoutes(state: SimulatorState): Router {
  const router = new Router();

  router.get('/cgi-bin/token', (ctx) => {
    const { grant_type, appid, secret } = ctx.query;
    if (grant_type !== 'client_credential') throw new SimError(40002);
    const app = state.checkCredentials(appid, secret);
    ctx.body = answer(state.issueClassic(app.appid), state.now());
  });

  router.post('/cgi-bin/stable_token', async (ctx) => {
    const { grant_type, appid, secret, force_refresh } = await readJson(ctx);
    if (grant_type !== 'client_credential') throw new SimError(40002);
    const app = state.checkCredentials(appid, secret);
    if (force_refresh !== undefined && typeof force_refresh !== 'boolean') throw new SimError(47001);
    ctx.body = answer(state.issueStable(app.appid, force_refresh === true), state.now());
  });

  router.get('/cgi-bin/getcallbackip', requireToken(state), (ctx) => {
    ctx.body = { ip_list: ['127.0.0.1'] };
  });

  return router;
}
