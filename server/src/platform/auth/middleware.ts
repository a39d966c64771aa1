import type { Next } from 'koa';
import { forbidden, unauthenticated } from '../errors';
import type { AppContext, CitizenPrincipal, StaffPrincipal, StaffRole } from '../context';
import type { Sessions } from './sessions';

// The staff session carries a secret the citizen session does not, the citizen one the
// WeChat session_key; neither ever leaves the server.
export interface CitizenSession extends CitizenPrincipal {
  sessionKey: string;
}
export interface StaffSession extends StaffPrincipal {}

export function bearer(ctx: AppContext): string | undefined {
  const h = ctx.get('authorization');
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(h);
  return m?.[1];
}

/** Requires a logged-in citizen; sets ctx.state.citizen. */
export function requireCitizen(sessions: Sessions<CitizenSession>) {
  return async (ctx: AppContext, next: Next) => {
    const token = bearer(ctx);
    const session = token ? await sessions.read(token) : null;
    if (!session) throw unauthenticated('登录已过期，请重新登录');
    ctx.state.citizen = { userId: session.userId, openid: session.openid };
    await next();
  };
}

/**
 * Requires a staff member holding one of the roles (admin holds them all); sets
 * ctx.state.staff. Scope is checked by the use case against the record it touches.
 */
export function requireStaff(sessions: Sessions<StaffSession>, ...roles: StaffRole[]) {
  return async (ctx: AppContext, next: Next) => {
    const token = bearer(ctx);
    const staff = token ? await sessions.read(token) : null;
    if (!staff) throw unauthenticated('请先登录工作人员账号');
    if (roles.length && !staff.roles.includes('admin') && !roles.some((r) => staff.roles.includes(r))) {
      throw forbidden('您的账号没有此项权限');
    }
    ctx.state.staff = staff;
    await next();
  };
}
