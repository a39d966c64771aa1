import { randomBytes } from 'node:crypto';
import { Router } from '@koa/router';
import { SimError } from './errors';
import type { SimulatorState } from './state';

/** Mini-program login: /sns/jscode2session. */
export function snsRoutes(state: SimulatorState): Router {
  const router = new Router();

  router.get('/sns/jscode2session', (ctx) => {
    const { appid, secret, js_code, grant_type } = ctx.query;
    const app = state.checkCredentials(appid, secret);
    if (grant_type !== 'authorization_code') throw new SimError(40002);
    if (typeof js_code !== 'string' || !js_code) throw new SimError(41008);
    const login = state.useLoginCode(js_code, app.appid);
    state.countFor(login.openid, ctx.path);
    ctx.body = {
      session_key: randomBytes(16).toString('base64'),
      openid: login.openid,
      ...(login.unionid ? { unionid: login.unionid } : {}),
    };
  });

  return router;
}
