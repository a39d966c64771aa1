import { randomBytes } from 'node:crypto';
import { conflict, notFound } from '../../platform/errors';
import { hashPassword } from '../../platform/crypto';
import type { StaffPrincipal, StaffRole } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { StaffModels } from './index';
import { toStaffView } from './models';

export interface NewStaff {
  username: string;
  displayName: string;
  password: string;
  roles: StaffRole[];
  scope: { divisions: string[]; halls: number[] };
}

export function makeAccounts(p: Platform, { Staff }: StaffModels) {
  return {
    async create(actor: StaffPrincipal, input: NewStaff) {
      if (await Staff.findOne({ where: { username: input.username } }))
        throw conflict('USERNAME_TAKEN', '该用户名已被使用');
      const staff = await Staff.create({
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password),
        roles: input.roles,
        scope_divisions: input.scope.divisions,
        scope_halls: input.scope.halls,
        failed_attempts: 0,
        disabled: false,
      });
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'staff.create',
        target: { type: 'staff', id: staff.id },
        detail: { roles: input.roles, scope: input.scope },
      });
      return toStaffView(staff);
    },
    async list() {
      return (await Staff.findAll({ order: [['id', 'ASC']] })).map(toStaffView);
    },
    async unlock(actor: StaffPrincipal, id: number) {
      const staff = await Staff.findByPk(id);
      if (!staff) throw notFound('未找到该工作人员账号');
      await staff.update({ failed_attempts: 0, locked_until: null });
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'staff.unlock',
        target: { type: 'staff', id },
      });
      return toStaffView(staff);
    },
    /**
     * First start: an admin must exist. Its password comes from ADMIN_PASSWORD or is
     * generated and returned once, for the caller to print; it is never stored in clear.
     */
    async ensureAdmin(): Promise<{ created: boolean; password?: string }> {
      if (await Staff.findOne({ where: { username: 'admin' } })) return { created: false };
      const password = p.config.adminPassword ?? randomBytes(12).toString('base64url');
      await Staff.create({
        username: 'admin',
        display_name: '系统管理员',
        password_hash: await hashPassword(password),
        roles: ['admin'],
        scope_divisions: [''],
        scope_halls: [],
        failed_attempts: 0,
        disabled: false,
      });
      return { created: true, password: p.config.adminPassword ? undefined : password };
    },
  };
}
