import Router from '@koa/router';
import { requireStaff } from '../../platform/auth';
import type { AppState, StaffRole } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { parse } from '../../platform/validation';
import type { IdentityApi } from '../identity';
import type { StaffApi } from './index';
import { idNumberQuery, idParam, newStaffBody, staffLoginBody } from './schemas';

export function staffRoutes(p: Platform, api: StaffApi, identity: IdentityApi) {
  const router = new Router<AppState>({ prefix: '/api/staff' });
  const admin = requireStaff(p.staffSessions, 'admin');

  router.post('/login', async (ctx) => {
    const { username, password } = parse(staffLoginBody, ctx.request.body);
    ctx.body = await api.login(username, password, ctx.ip);
  });
  router.get('/me', requireStaff(p.staffSessions), async (ctx) => {
    ctx.body = { staff: ctx.state.staff };
  });
  router.get('/accounts', admin, async (ctx) => {
    ctx.body = { items: await api.accounts.list() };
  });
  router.post('/accounts', admin, async (ctx) => {
    const input = parse(newStaffBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = { staff: await api.accounts.create(ctx.state.staff!, { ...input, roles: input.roles as StaffRole[] }) };
  });
  router.post('/accounts/:id/unlock', admin, async (ctx) => {
    ctx.body = { staff: await api.accounts.unlock(ctx.state.staff!, parse(idParam, ctx.params).id) };
  });

  // Looking a citizen up by ID number: a read of personal data, so it is audited.
  router.get('/citizens', requireStaff(p.staffSessions, 'hall_staff'), async (ctx) => {
    const { idNumber } = parse(idNumberQuery, ctx.query);
    const user = await identity.findByIdNumber(idNumber);
    await p.audit.record({
      actor: { type: 'staff', id: ctx.state.staff!.id },
      action: 'citizen.lookup',
      target: user ? { type: 'user', id: user.id } : undefined,
      detail: { found: Boolean(user) },
      ip: ctx.ip,
      requestId: ctx.state.requestId,
    });
    if (!user) throw notFound('未找到该身份证号对应的实名用户');
    ctx.body = { user };
  });
  return router;
}
