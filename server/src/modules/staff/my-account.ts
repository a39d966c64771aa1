import { hashPassword, verifyPassword } from '../../platform/crypto';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import type { StaffModels } from './index';
import type { Lockout } from './lockout';
import type { RequestSource } from './login';
import { toAccountState, toStaffView } from './models';
import { newPasswordProblem } from './passwords';

/**
 * A staff member's own account: who am I, change my password, sign out. These are the only
 * things an account whose password must be changed may do.
 */
export function makeMyAccount(p: Platform, { Staff }: StaffModels, lockout: Lockout) {
  async function find(id: number) {
    const staff = await Staff.findByPk(id);
    if (!staff) throw notFound('未找到该工作人员账号');
    return staff;
  }

  return {
    async me(staffId: number) {
      const staff = await find(staffId);
      return toStaffView(staff, await lockout.isLocked(staff.username, staff.login_epoch));
    },

    /**
     * Old and new password. Every session of the account ends (a password is changed because
     * it may be known to someone else); the caller gets a new one in the answer.
     */
    async changePassword(staffId: number, input: { oldPassword: string; newPassword: string }, source: RequestSource) {
      const staff = await find(staffId);
      // A stolen session must not become a way to guess the password.
      await enforceRateLimit(p.cache, `staff-password:${staffId}`, 5, 15 * 60_000, '尝试次数过多，请15分钟后再试');
      if (!(await verifyPassword(input.oldPassword, staff.password_hash)))
        throw new AppError(400, 'WRONG_PASSWORD', '原密码不正确', { oldPassword: '原密码不正确' });
      const problem =
        input.newPassword === input.oldPassword
          ? '新密码不能与原密码相同'
          : newPasswordProblem(input.newPassword, staff.username);
      if (problem) throw badRequest('VALIDATION_FAILED', `提交的信息有误：${problem}`, { newPassword: problem });
      await staff.update({
        password_hash: await hashPassword(input.newPassword),
        must_change_password: false,
        password_changed_at: p.clock.date(),
      });
      await Staff.increment({ session_version: 1 }, { where: { id: staffId } });
      await staff.reload();
      await p.staffSessions.forget(staffId);
      const { token, expiresAt } = await p.staffSessions.issue(toAccountState(staff));
      await p.audit.record({
        actor: { type: 'staff', id: staffId },
        action: 'staff.password_changed',
        target: { type: 'staff', id: staffId },
        ip: source.ip,
        requestId: source.requestId,
      });
      return { token, expiresAt: expiresAt.toISOString(), staff: toStaffView(staff) };
    },

    async logout(token: string, staffId: number, source: RequestSource) {
      await p.staffSessions.revoke(token);
      await p.audit.record({
        actor: { type: 'staff', id: staffId },
        action: 'staff.logout',
        ip: source.ip,
        requestId: source.requestId,
      });
    },
  };
}
