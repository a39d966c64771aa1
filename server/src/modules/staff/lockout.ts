import { AppError } from '../../platform/errors';
import type { Platform } from '../../platform/platform';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const WINDOW_MS = LOCKOUT_MINUTES * 60_000;

export const accountLocked = () =>
  new AppError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定，请${LOCKOUT_MINUTES}分钟后再试`);

/**
 * Wrong passwords are counted per username in the shared cache, with one atomic increment per
 * attempt, so guesses sent in parallel count one each. An attempt takes its number before the
 * password is checked: beyond the fifth in a window nothing is checked at all, and the fifth
 * wrong one locks the name for 15 minutes. Usernames nobody holds are counted and locked the
 * same way, so neither the answers nor their number tell whether an account exists.
 *
 * `epoch` is the account's login_epoch (0 for a name nobody holds): unlocking raises it in the
 * database, which starts a fresh counter — also from the CLI, which reaches no cache.
 */
export function makeLockout(p: Platform) {
  const name = (username: string, epoch: number) => `${p.pii.hash(`staff-login:${username}`)}:${epoch}`;
  const failKey = (username: string, epoch: number) => `staff-login:fail:${name(username, epoch)}`;
  const lockKey = (username: string, epoch: number) => `staff-login:lock:${name(username, epoch)}`;

  return {
    async isLocked(username: string, epoch: number): Promise<boolean> {
      return (await p.cache.get(lockKey(username, epoch))) !== null;
    },
    /** Takes a number for this attempt; throws 423 when the name is locked or out of attempts. */
    async begin(username: string, epoch: number): Promise<number> {
      if (await this.isLocked(username, epoch)) throw accountLocked();
      const attempt = await p.cache.incr(failKey(username, epoch), WINDOW_MS);
      if (attempt > MAX_FAILED_LOGINS) throw accountLocked();
      return attempt;
    },
    /** After a wrong password: whether this attempt locked the name. */
    async failed(username: string, epoch: number, attempt: number): Promise<boolean> {
      if (attempt < MAX_FAILED_LOGINS) return false;
      // The counter is left to expire: it started earlier than the lock, so it is gone by the
      // time the lock is, and attempts racing the lock still find their numbers taken.
      await p.cache.set(lockKey(username, epoch), '1', WINDOW_MS);
      return true;
    },
    async succeeded(username: string, epoch: number): Promise<void> {
      await p.cache.del(failKey(username, epoch));
    },
  };
}

export type Lockout = ReturnType<typeof makeLockout>;
