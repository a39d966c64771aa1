import type { Next } from 'koa';
import { AppError, forbidden, unauthenticated } from '../errors';
import type { AppContext, CitizenPrincipal, StaffRole } from '../context';
import type { Sessions } from './sessions';
import type { StaffAccountState, StaffSessions } from './staff-sessions';

// The citizen session carries the WeChat session_key, which never leaves the server.
export interface CitizenSession extends CitizenPrincipal {
  sessionKey: string;
}

export function bearer(ctx: AppContext): string | undefined {
  const h = ctx.get('authorization');
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(h);
  return m?.[1];
}

/** A citizen session's subject: the user id, in base 36 (see SessionOptions.subject). */
export const citizenSubject = (s: { userId: number }) => s.userId.toString(36);

/**
 * Requires a logged-in citizen; sets ctx.state.citizen. With `companions` (cache keys of what
 * the route reads of the user, by user id), those are read in the session's own round trip
 * and left in ctx.state.citizenCompanions (null when they could not be).
 */
export function requireCitizen(sessions: Sessions<CitizenSession>, companions?: (userId: number) => string[]) {
  const keysOf = companions && ((subject: string) => companions(Number.parseInt(subject, 36)));
  return async (ctx: AppContext, next: Next) => {
    const token = bearer(ctx);
    let session: CitizenSession | null = null;
    if (token && keysOf) {
      const read = await sessions.readWith(token, keysOf);
      session = read.session;
      ctx.state.citizenCompanions = read.companions;
    } else if (token) session = await sessions.read(token);
    if (!session) throw unauthenticated('登录已过期，请重新登录');
    ctx.state.citizen = { userId: session.userId, openid: session.openid };
    await next();
  };
}

const toPrincipal = (s: StaffAccountState) => ({ id: s.id, username: s.username, roles: s.roles, scope: s.scope });

export const passwordChangeRequired = () =>
  new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码，再使用其他功能');

/**
 * Requires a staff member holding one of the roles (admin holds them all), as the account is
 * now; sets ctx.state.staff. An account whose password must be changed may do nothing else.
 * Scope is checked by the use case against the record it touches.
 */
export function requireStaff(sessions: StaffSessions, ...roles: StaffRole[]) {
  return async (ctx: AppContext, next: Next) => {
    const staff = await sessions.authenticate(bearer(ctx));
    if (staff.mustChangePassword) throw passwordChangeRequired();
    if (roles.length && !staff.roles.includes('admin') && !roles.some((r) => staff.roles.includes(r))) {
      throw forbidden('您的账号没有此项权限');
    }
    ctx.state.staff = toPrincipal(staff);
    await next();
  };
}

/**
 * Any signed-in staff member, even one who must change their password first: for who-am-I,
 * signing out and changing the password.
 */
export function requireStaffSession(sessions: StaffSessions) {
  return async (ctx: AppContext, next: Next) => {
    ctx.state.staff = toPrincipal(await sessions.authenticate(bearer(ctx)));
    await next();
  };
}
