import { Router } from '@koa/router';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import type { SimulatorState, TokenRecord } from './state';

/** Mini-program server APIs under /wxa. */
export function wxaRoutes(state: SimulatorState): Router {
  const router = new Router();

  router.post('/wxa/business/getuserphonenumber', requireToken(state, 'mini'), async (ctx) => {
    const { code } = await readJson(ctx);
    if (typeof code !== 'string' || !code) throw new SimError(41008);
    const { phoneNumber } = state.usePhoneCode(code);
    const rec = ctx.state.wxToken as TokenRecord;
    const pure = phoneNumber.replace(/^\+86/, '').replace(/\D/g, '');
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber,
        purePhoneNumber: pure,
        countryCode: '86',
        watermark: { timestamp: Math.floor(state.now() / 1000), appid: rec.appid },
      },
    };
  });

  return router;
}
