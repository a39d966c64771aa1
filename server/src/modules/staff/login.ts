import { unauthenticated } from '../../platform/errors';
import { hashPassword, verifyPassword } from '../../platform/crypto';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import type { StaffModels } from './index';
import { accountLocked, type Lockout } from './lockout';
import { toAccountState, toStaffView } from './models';

// Verified against when the username is unknown, so a miss costs as long as a hit and
// timing does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

export interface RequestSource {
  ip: string;
  requestId?: string;
}

/**
 * Staff sign in with username and password. Five wrong passwords lock the name for 15 minutes
 * (see lockout.ts); the lock is told, the remaining attempts are not. A disabled account and a
 * name nobody holds are answered exactly like a wrong password.
 */
export function makeStaffLogin(p: Platform, { Staff }: StaffModels, lockout: Lockout) {
  return async function staffLogin(username: string, password: string, source: RequestSource) {
    await enforceRateLimit(
      p.cache,
      `staff-login:ip:${source.ip}`,
      p.config.rateLimits.staffLoginPerIp,
      60_000,
      '登录尝试过于频繁，请稍后再试',
    );
    const staff = await Staff.findOne({ where: { username } });
    const epoch = staff?.login_epoch ?? 0;
    const attempt = await lockout.begin(username, epoch);
    const usable = staff && !staff.disabled;
    const hash = usable ? staff.password_hash : await (decoyHash ??= hashPassword('decoy-password'));
    if (!(await verifyPassword(password, hash)) || !usable) {
      const locked = await lockout.failed(username, epoch, attempt);
      if (staff) {
        await p.audit.record({
          actor: { type: 'staff', id: staff.id },
          action: locked ? 'staff.locked' : 'staff.login_failed',
          ip: source.ip,
          requestId: source.requestId,
        });
      }
      if (locked) throw accountLocked();
      throw unauthenticated('用户名或密码错误');
    }
    await lockout.succeeded(username, epoch);
    const { token, expiresAt } = await p.staffSessions.issue(toAccountState(staff));
    await p.audit.record({
      actor: { type: 'staff', id: staff.id },
      action: 'staff.login',
      ip: source.ip,
      requestId: source.requestId,
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      mustChangePassword: Boolean(staff.must_change_password),
      staff: toStaffView(staff),
      // The console counts "today" by the server's clock, not the office computer's.
      now: new Date(p.clock.now()).toISOString(),
    };
  };
}
