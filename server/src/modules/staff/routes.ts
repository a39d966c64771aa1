import Router from '@koa/router';
import { bearer, requireStaff, requireStaffSession } from '../../platform/auth';
import type { AppContext, AppState, StaffRole } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { StaffApi } from './index';
import {
  auditLogQuery,
  idNumberQuery,
  idParam,
  newStaffBody,
  passwordChangeBody,
  staffChangesBody,
  staffLoginBody,
} from './schemas';

const source = (ctx: AppContext) => ({ ip: ctx.ip, requestId: ctx.state.requestId });
const actor = (ctx: AppContext) => ({ ...ctx.state.staff!, ...source(ctx) });

export function staffRoutes(p: Platform, api: StaffApi) {
  const router = new Router<AppState>({ prefix: '/api/staff' });
  const admin = requireStaff(p.staffSessions, 'admin');
  // Who-am-I, sign-out and the password change stay open to an account that must change its password.
  const signedIn = requireStaffSession(p.staffSessions);

  router.post('/login', async (ctx) => {
    const { username, password } = parse(staffLoginBody, ctx.request.body);
    ctx.body = await api.login(username, password, source(ctx));
  });
  router.post('/logout', signedIn, async (ctx) => {
    await api.myAccount.logout(bearer(ctx)!, ctx.state.staff!.id, source(ctx));
    ctx.status = 204;
  });
  router.get('/me', signedIn, async (ctx) => {
    ctx.body = { staff: await api.myAccount.me(ctx.state.staff!.id), now: new Date(p.clock.now()).toISOString() };
  });
  router.post('/me/password', signedIn, async (ctx) => {
    const input = parse(passwordChangeBody, ctx.request.body);
    ctx.body = await api.myAccount.changePassword(ctx.state.staff!.id, input, source(ctx));
  });

  router.get('/accounts', admin, async (ctx) => {
    ctx.body = { items: await api.accounts.list() };
  });
  router.post('/accounts', admin, async (ctx) => {
    const input = parse(newStaffBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await api.accounts.create(actor(ctx), { ...input, roles: input.roles as StaffRole[] });
  });
  router.get('/accounts/:id', admin, async (ctx) => {
    ctx.body = { staff: await api.accounts.get(parse(idParam, ctx.params).id) };
  });
  router.patch('/accounts/:id', admin, async (ctx) => {
    const { id } = parse(idParam, ctx.params);
    const input = parse(staffChangesBody, ctx.request.body);
    ctx.body = {
      staff: await api.accounts.update(actor(ctx), id, { ...input, roles: input.roles as StaffRole[] | undefined }),
    };
  });
  router.post('/accounts/:id/disable', admin, async (ctx) => {
    ctx.body = { staff: await api.accounts.disable(actor(ctx), parse(idParam, ctx.params).id) };
  });
  router.post('/accounts/:id/enable', admin, async (ctx) => {
    ctx.body = { staff: await api.accounts.enable(actor(ctx), parse(idParam, ctx.params).id) };
  });
  router.post('/accounts/:id/unlock', admin, async (ctx) => {
    ctx.body = { staff: await api.accounts.unlock(actor(ctx), parse(idParam, ctx.params).id) };
  });
  router.post('/accounts/:id/reset-password', admin, async (ctx) => {
    ctx.body = await api.accounts.resetPassword(actor(ctx), parse(idParam, ctx.params).id);
  });

  // The audit trail: who read or changed what (admin only; the reading is audited too).
  router.get('/audit-logs', admin, async (ctx) => {
    ctx.body = await api.auditLog(ctx.state.staff!, parse(auditLogQuery, ctx.query));
  });

  // Looking a citizen up by ID number: a read of personal data, scoped and audited.
  router.get('/citizens', requireStaff(p.staffSessions, 'hall_staff'), async (ctx) => {
    const { idNumber } = parse(idNumberQuery, ctx.query);
    ctx.body = await api.citizens.lookUp(ctx.state.staff!, idNumber);
  });
  return router;
}
