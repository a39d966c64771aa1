import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import type { HouseholdCheckAdapter } from './contract';

/**
 * The simulator behind the HTTP contract (contract.ts), for exercising the real client — and
 * for running a stand-in check centre beside a staging server (ASSISTANCE_CHECK_URL=…).
 * Requires the bearer token when one is given.
 */
export function createCheckSimulatorApp(simulator: HouseholdCheckAdapter, token?: string) {
  const app = new Koa();
  const router = new Router();
  app.use(async (ctx, next) => {
    if (token && ctx.get('authorization') !== `Bearer ${token}`) {
      ctx.status = 401;
      ctx.body = { error: 'unauthorized' };
      return;
    }
    await next();
  });
  app.use(bodyParser());
  router.post('/v1/persons/verify', async (ctx) => {
    const { idNumbers } = ctx.request.body as { idNumbers?: string[] };
    ctx.body = { persons: await simulator.verifyPersons(Array.isArray(idNumbers) ? idNumbers : []) };
  });
  router.post('/v1/checks', async (ctx) => {
    ctx.body = { ...(await simulator.submit(ctx.request.body as never)), status: 'accepted' };
  });
  router.get('/v1/checks/:id', async (ctx) => {
    ctx.body = await simulator.fetch(ctx.params.id);
  });
  app.use(router.routes());
  return app;
}
