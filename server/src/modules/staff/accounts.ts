import { hashPassword } from '../../platform/crypto';
import type { StaffPrincipal, StaffRole } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { StaffModels } from './index';
import type { Lockout } from './lockout';
import type { RequestSource } from './login';
import { type StaffModel, toStaffView } from './models';
import { oneTimePassword } from './passwords';

export interface NewStaff {
  username: string;
  displayName: string;
  /** Absent: a one-time password is generated, returned once, and must be changed at first sign-in. */
  password?: string;
  roles: StaffRole[];
  scope: { divisions: string[]; halls: number[] };
}

export interface StaffChanges {
  displayName?: string;
  roles?: StaffRole[];
  scope?: { divisions?: string[]; halls?: number[] };
}

/** Who acts: a staff member, or (id 0) the system — the demo seed, the CLI. */
export type Actor = StaffPrincipal & Partial<RequestSource>;

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * The admin's side of staff accounts: create, edit roles and scope, disable and enable, reset
 * a password to a one-time one, unlock. Every change is audited; a change of what the account
 * may do (disabled, roles, scope, password reset) ends its sessions by raising its
 * session_version, and every change drops its cached state so the next request, on any
 * process, sees it.
 */
export function makeAccounts(p: Platform, { Staff }: StaffModels, lockout: Lockout) {
  const audit = (actor: Actor, action: string, targetId: number, detail?: Record<string, unknown>) =>
    p.audit.record({
      actor: actor.id === 0 ? { type: 'system', id: actor.username } : { type: 'staff', id: actor.id },
      action,
      target: { type: 'staff', id: targetId },
      detail,
      ip: actor.ip,
      requestId: actor.requestId,
    });

  async function find(id: number): Promise<StaffModel> {
    const staff = await Staff.findByPk(id);
    if (!staff) throw notFound('未找到该工作人员账号');
    return staff;
  }

  const view = async (s: StaffModel) => toStaffView(s, await lockout.isLocked(s.username, s.login_epoch));

  /** Applies a change; `revoke` ends the account's sessions, `unlock` clears its failed logins. */
  async function change(staff: StaffModel, values: Partial<StaffModel>, opts: { revoke?: boolean; unlock?: boolean }) {
    await staff.update(values);
    const by = { ...(opts.revoke ? { session_version: 1 } : {}), ...(opts.unlock ? { login_epoch: 1 } : {}) };
    if (Object.keys(by).length) {
      await Staff.increment(by, { where: { id: staff.id } });
      await staff.reload();
    }
    await p.staffSessions.forget(staff.id);
  }

  /** An enabled admin other than `except` remains: nobody may lock the service out of itself. */
  async function anotherAdmin(except: number): Promise<boolean> {
    const all = await Staff.findAll({ where: { disabled: false } });
    return all.some((s) => s.id !== except && s.roles.includes('admin'));
  }

  async function resetPassword(actor: Actor, staff: StaffModel) {
    const password = oneTimePassword();
    await change(
      staff,
      { password_hash: await hashPassword(password), must_change_password: true },
      { revoke: true, unlock: true },
    );
    await audit(actor, 'staff.reset_password', staff.id);
    return { staff: await view(staff), oneTimePassword: password };
  }

  return {
    async create(actor: Actor, input: NewStaff) {
      if (await Staff.findOne({ where: { username: input.username } }))
        throw conflict('USERNAME_TAKEN', '该用户名已被使用');
      const password = input.password ?? oneTimePassword();
      const staff = await Staff.create({
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(password),
        roles: input.roles,
        scope_divisions: input.scope.divisions,
        scope_halls: input.scope.halls,
        disabled: false,
        must_change_password: input.password === undefined,
      });
      await audit(actor, 'staff.create', staff.id, {
        roles: input.roles,
        scope: input.scope,
        oneTimePassword: input.password === undefined,
      });
      return { staff: await view(staff), ...(input.password === undefined ? { oneTimePassword: password } : {}) };
    },

    async list() {
      return Promise.all((await Staff.findAll({ order: [['id', 'ASC']] })).map(view));
    },

    async get(id: number) {
      return view(await find(id));
    },

    async update(actor: Actor, id: number, input: StaffChanges) {
      const staff = await find(id);
      const roles = input.roles ?? staff.roles;
      const divisions = input.scope?.divisions ?? staff.scope_divisions;
      const halls = input.scope?.halls ?? staff.scope_halls;
      const rolesChanged = !sameList(roles, staff.roles);
      const scopeChanged = !sameList(divisions, staff.scope_divisions) || !sameList(halls, staff.scope_halls);
      if (rolesChanged && staff.roles.includes('admin') && !roles.includes('admin') && !(await anotherAdmin(id)))
        throw conflict('LAST_ADMIN', '这是唯一可用的管理员账号，不能取消其管理员角色');
      const before = { displayName: staff.display_name, roles: staff.roles, scope: toStaffView(staff).scope };
      await change(
        staff,
        {
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          roles,
          scope_divisions: divisions,
          scope_halls: halls,
        },
        { revoke: rolesChanged || scopeChanged },
      );
      await audit(actor, 'staff.update', id, {
        before,
        after: { displayName: staff.display_name, roles, scope: { divisions, halls } },
        sessionsEnded: rolesChanged || scopeChanged,
      });
      return view(staff);
    },

    async disable(actor: Actor, id: number) {
      if (id === actor.id) throw conflict('CANNOT_DISABLE_SELF', '不能停用自己的账号');
      const staff = await find(id);
      if (staff.roles.includes('admin') && !(await anotherAdmin(id)))
        throw conflict('LAST_ADMIN', '这是唯一可用的管理员账号，不能停用');
      await change(staff, { disabled: true }, { revoke: true });
      await audit(actor, 'staff.disable', id);
      return view(staff);
    },

    async enable(actor: Actor, id: number) {
      const staff = await find(id);
      await change(staff, { disabled: false }, {});
      await audit(actor, 'staff.enable', id);
      return view(staff);
    },

    async unlock(actor: Actor, id: number) {
      const staff = await find(id);
      await change(staff, {}, { unlock: true });
      await audit(actor, 'staff.unlock', id);
      return view(staff);
    },

    /** A one-time password, shown once to whoever reset it; the old sessions end. */
    async resetPassword(actor: Actor, id: number) {
      // One's own password is changed with the old one: a session left open must not be
      // enough to take the account over.
      if (id === actor.id) throw conflict('CANNOT_RESET_OWN_PASSWORD', '不能重置自己的密码，请使用「修改密码」');
      return resetPassword(actor, await find(id));
    },

    /** The CLI's way in when nobody can sign in as admin (`npm run staff -- reset-password <username>`). */
    async resetPasswordOf(actor: Actor, username: string) {
      const staff = await Staff.findOne({ where: { username } });
      if (!staff) throw notFound(`没有用户名为 ${username} 的工作人员账号`);
      return resetPassword(actor, staff);
    },

    /**
     * First start: an admin must exist. Its password comes from ADMIN_PASSWORD or is generated,
     * returned once for the caller to print, and must be changed at first sign-in (it has been
     * on a terminal, maybe in a log). It is never stored in clear.
     */
    async ensureAdmin(): Promise<{ created: boolean; password?: string }> {
      if (await Staff.findOne({ where: { username: 'admin' } })) return { created: false };
      const generated = p.config.adminPassword === undefined;
      const password = p.config.adminPassword ?? oneTimePassword();
      await Staff.create({
        username: 'admin',
        display_name: '系统管理员',
        password_hash: await hashPassword(password),
        roles: ['admin'],
        scope_divisions: [''],
        scope_halls: [],
        disabled: false,
        must_change_password: generated,
      });
      return { created: true, password: generated ? password : undefined };
    },
  };
}
