import type { Cache } from '../cache';
import type { StaffPrincipal } from '../context';
import { AppError, unauthenticated } from '../errors';
import { createSessions } from './sessions';

/**
 * What a staff request is allowed to do is the account as it is now, not as it was at sign-in:
 * enabled or not, roles, scope, whether its password must be changed first, and which
 * generation of sessions it accepts (raised when it is disabled, its roles or scope change or
 * its password is reset, which ends every session issued before).
 */
export interface StaffAccountState extends StaffPrincipal {
  disabled: boolean;
  mustChangePassword: boolean;
  sessionVersion: number;
}

interface StoredStaffSession {
  staffId: number;
  version: number;
}

export type StaffAccountLoader = (staffId: number) => Promise<StaffAccountState | null>;

/**
 * Opaque staff tokens naming an account and a session generation. The account's state is read
 * through the shared cache (Redis when configured, so every process sees a change at once) and
 * kept there briefly; the staff module forgets it whenever it changes the account.
 */
export function createStaffSessions(cache: Cache, ttlSeconds: number, stateTtlMs = 10_000) {
  const sessions = createSessions<StoredStaffSession>(cache, 'staff', ttlSeconds);
  const stateKey = (staffId: number) => `staff:state:${staffId}`;
  let load: StaffAccountLoader | undefined;

  async function stateOf(staffId: number): Promise<StaffAccountState | null> {
    const cached = await cache.get(stateKey(staffId));
    if (cached) return JSON.parse(cached) as StaffAccountState;
    if (!load) throw new Error('no staff account loader registered');
    const state = await load(staffId);
    if (state) await cache.set(stateKey(staffId), JSON.stringify(state), stateTtlMs);
    return state;
  }

  return {
    /** The staff module tells the platform how to read an account. */
    useAccountLoader(loader: StaffAccountLoader) {
      load = loader;
    },
    async issue(state: StaffAccountState): Promise<{ token: string; expiresAt: Date }> {
      return sessions.issue({ staffId: state.id, version: state.sessionVersion });
    },
    revoke: (token: string) => sessions.revoke(token),
    /** The account's state behind a token, or the 401 that says why there is none. */
    async authenticate(token: string | undefined): Promise<StaffAccountState> {
      const session = token ? await sessions.read(token) : null;
      if (!session) throw unauthenticated('请先登录工作人员账号');
      const state = await stateOf(session.staffId);
      if (!state) throw unauthenticated('请先登录工作人员账号');
      if (state.disabled) throw new AppError(401, 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员');
      if (state.sessionVersion !== session.version)
        throw new AppError(401, 'SESSION_REVOKED', '账号的权限或密码已变更，请重新登录');
      return state;
    },
    /** Drops the cached state of an account that just changed; the next request reads it anew. */
    async forget(staffId: number): Promise<void> {
      await cache.del(stateKey(staffId));
    },
  };
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;
