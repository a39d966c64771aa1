import { type Transaction, UniqueConstraintError } from 'sequelize';
import { LockTimeoutError, sleep } from '../../platform/cache';
import { AppError, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { IdentityDependents } from './dependents';
import { maskIdNumber } from './id-number';
import type { IdentityModels } from './index';
import { toUserView } from './user-view';
import type { IdentityVerifier, VerifyResult } from './verification';

const HOUR = 3600_000;
const TOO_OFTEN = '实名认证提交过于频繁，请一小时后再试';

/** Why a verification refused, in words a citizen understands and can act on. */
export const REFUSAL_MESSAGES: Record<Exclude<VerifyResult, 'match'>, string> = {
  mismatch: '姓名与身份证号不一致，未能通过实名核验。请按身份证上的姓名和号码重新填写。',
  deceased: '该身份证号对应的户籍已注销，不能用于实名认证。如有疑问，请到户籍所在地派出所核实。',
  reported_stolen:
    '该身份证已挂失（报失或被盗），不能用于实名认证。如您是证件本人，请补领身份证后再认证，或携带户口簿到民政服务大厅办理。',
  not_found: '未查到该身份证号的户籍信息，未能通过实名核验。请核对号码，或到户籍所在地派出所核实。',
};

export const RECLAIMED_MESSAGE =
  '该身份证号此前被其他微信账号绑定。您已通过实名核验，号码已归您的账号，原账号已解除实名并收到通知。';

/** A lost race on the unique index, or MariaDB's deadlock/lock-wait on it: try again. */
function retriable(err: unknown): boolean {
  if (err instanceof UniqueConstraintError) return true;
  const code = (err as { parent?: { code?: string } })?.parent?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

const identityInUseError = (dependents: string[]) =>
  conflict(
    'IDENTITY_IN_USE',
    `您的实名信息正用于${dependents.join('、')}，暂不能更改。请先取消这些事项，或携带本人身份证到民政服务大厅核验后更改。`,
  );

export type BindAnswer = {
  status: 'bound';
  user: ReturnType<typeof toUserView>;
  /** Set when the number was taken back from another WeChat account. */
  reclaimed?: { message: string };
};

/** Told when a verified owner took their number back from another account (notices listen). */
export type ReclaimListener = (
  event: { formerUserId: number; idNumberMasked: string },
  transaction: Transaction,
) => Promise<void>;

/**
 * Real-name binding: the ID number is already validated (GB 11643) at the edge, then the name and
 * number are verified with the identity provider (verification/). Nothing is bound on the
 * citizen's word: a refusal binds nothing and says why.
 *
 * - Attempts are limited per citizen and per address (shared cache: every process counts).
 * - One ID number belongs to one WeChat account. When a number another account holds passes
 *   verification, its owner takes it back: the other account loses the real name and is told,
 *   both sides audited. (Claims kept "pending" before verification existed are settled the same
 *   way: the claimant who passes verification takes the number, and the claim row goes.)
 * - A bound identity does not change while anything depends on it (bookings not yet over, today's
 *   queue tickets, open applications): the hall desk checks the person on the ID card against it.
 */
export function makeBindIdentity(
  p: Platform,
  { User, IdentityClaim }: IdentityModels,
  dependents: IdentityDependents,
  verifier: IdentityVerifier,
  reclaimListeners: ReclaimListener[],
) {
  return async function bindIdentity(
    userId: number,
    input: { name: string; idNumber: string; liveness?: string },
    ip: string,
  ): Promise<BindAnswer> {
    await enforceRateLimit(p.cache, `identity:user:${userId}`, p.config.rateLimits.identityPerUser, HOUR, TOO_OFTEN);
    await enforceRateLimit(p.cache, `identity:ip:${ip}`, p.config.rateLimits.identityPerIp, HOUR, TOO_OFTEN);

    const user = await User.findByPk(userId);
    if (!user) throw notFound('用户不存在');
    const idHash = p.pii.hash(input.idNumber);
    const alreadyBound = Boolean(user.id_number_hash);
    const boundName = user.name_enc ? p.pii.decrypt(user.name_enc) : null;
    if (alreadyBound && user.id_number_hash === idHash && boundName === input.name) {
      return { status: 'bound', user: toUserView(user, p.pii) }; // the same identity again: nothing changes
    }
    if (alreadyBound) {
      const open = await dependents.of(userId);
      if (open.length > 0) throw identityInUseError(open);
    }

    const { result } = await verifier.verify({ name: input.name, idNumber: input.idNumber, liveness: input.liveness });
    if (result !== 'match') {
      await p.audit.record({
        actor: { type: 'citizen', id: userId },
        action: 'identity.refused',
        target: { type: 'user', id: userId },
        detail: { result, provider: verifier.provider },
      });
      throw new AppError(422, 'IDENTITY_NOT_VERIFIED', REFUSAL_MESSAGES[result]);
    }

    const bindValues = {
      name_enc: p.pii.encrypt(input.name),
      id_number_enc: p.pii.encrypt(input.idNumber),
      id_number_hash: idHash,
      real_named_at: p.clock.date(),
    };
    const unbound = { name_enc: null, id_number_enc: null, id_number_hash: null, real_named_at: null };
    let formerUserId: number | null = null;
    const attempt = () =>
      p.db.transaction(async (transaction) => {
        formerUserId = null;
        const holder = await User.findOne({ where: { id_number_hash: idHash }, transaction });
        if (holder && holder.id !== userId) {
          formerUserId = holder.id;
          await User.update(unbound, { where: { id: holder.id, id_number_hash: idHash }, transaction });
          for (const listener of reclaimListeners)
            await listener({ formerUserId: holder.id, idNumberMasked: maskIdNumber(input.idNumber) }, transaction);
        }
        await user.update(bindValues, { transaction });
        await IdentityClaim.destroy({ where: { user_id: userId }, transaction });
      });
    // Verified binds of one number at the same instant take turns (a lock per number, shared by
    // every process): each takes the number over from the one before, as any verified owner
    // would. Without the turns, six at once on MariaDB deadlocked past every retry (a 500).
    // The unique index still decides if a lock is ever lost; a loser tries again.
    try {
      await p.cache.withLock(
        `identity:bind:${idHash}`,
        async () => {
          for (let tries = 1; ; tries++) {
            try {
              await attempt();
              return;
            } catch (err) {
              if (tries >= 5 || !retriable(err)) throw err;
              await user.reload();
              await sleep(20 * tries);
            }
          }
        },
        { ttlMs: 15_000, waitMs: 15_000 },
      );
    } catch (err) {
      if (err instanceof LockTimeoutError)
        throw new AppError(503, 'IDENTITY_BUSY', '该身份证号正在进行另一次实名认证，请稍后再试');
      throw err;
    }

    await p.audit.record({
      actor: { type: 'citizen', id: userId },
      action: alreadyBound ? 'identity.change' : 'identity.bind',
      target: { type: 'user', id: userId },
      detail: { provider: verifier.provider },
    });
    if (formerUserId !== null) {
      await p.audit.record({
        actor: { type: 'citizen', id: userId },
        action: 'identity.reclaim',
        target: { type: 'user', id: formerUserId },
        detail: { provider: verifier.provider, idNumber: maskIdNumber(input.idNumber) },
      });
      return { status: 'bound', user: toUserView(user, p.pii), reclaimed: { message: RECLAIMED_MESSAGE } };
    }
    return { status: 'bound', user: toUserView(user, p.pii) };
  };
}
