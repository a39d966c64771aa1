import { AppError, unauthenticated } from '../../platform/errors';
import { hashPassword, verifyPassword } from '../../platform/crypto';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import type { StaffModels } from './index';
import { toPrincipal, toStaffView } from './models';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// Verified against when the username is unknown, so a miss costs as long as a hit and
// timing does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

/**
 * Staff sign in with username and password. Five wrong passwords lock the account for 15
 * minutes (the lock is told, the remaining attempts are not).
 */
export function makeStaffLogin(p: Platform, { Staff }: StaffModels) {
  return async function staffLogin(username: string, password: string, ip: string) {
    await enforceRateLimit(
      p.cache,
      `staff-login:ip:${ip}`,
      p.config.rateLimits.staffLoginPerIp,
      60_000,
      '登录尝试过于频繁，请稍后再试',
    );
    const staff = await Staff.findOne({ where: { username } });
    if (!staff || staff.disabled) {
      await verifyPassword(password, await (decoyHash ??= hashPassword('decoy-password')));
      throw unauthenticated('用户名或密码错误');
    }
    if (staff.locked_until && staff.locked_until > p.clock.date()) {
      throw new AppError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请${LOCKOUT_MINUTES}分钟后再试`);
    }
    if (!(await verifyPassword(password, staff.password_hash))) {
      const failed = staff.failed_attempts + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await staff.update({
        failed_attempts: lock ? 0 : failed,
        locked_until: lock ? new Date(p.clock.now() + LOCKOUT_MINUTES * 60_000) : staff.locked_until,
      });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: lock ? 'staff.locked' : 'staff.login_failed',
        ip,
      });
      if (lock)
        throw new AppError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请${LOCKOUT_MINUTES}分钟后再试`);
      throw unauthenticated('用户名或密码错误');
    }
    await staff.update({ failed_attempts: 0, locked_until: null });
    const { token, expiresAt } = await p.staffSessions.issue(toPrincipal(staff));
    await p.audit.record({ actor: { type: 'staff', id: staff.id }, action: 'staff.login', ip });
    return { token, expiresAt: expiresAt.toISOString(), staff: toStaffView(staff) };
  };
}
