import { UniqueConstraintError } from 'sequelize';
import { conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { IdentityDependents } from './dependents';
import type { IdentityModels } from './index';
import type { UserModel } from './models';
import { toUserView } from './user-view';

const HOUR = 3600_000;
const TOO_OFTEN = '实名认证提交过于频繁，请一小时后再试';
export const CLAIM_PENDING_MESSAGE =
  '实名信息已提交，需核验后生效。请携带本人身份证到任一民政服务大厅办理核验，或拨打服务热线咨询。';

const identityInUseError = (dependents: string[]) =>
  conflict(
    'IDENTITY_IN_USE',
    `您的实名信息正用于${dependents.join('、')}，暂不能更改。请先取消这些事项，或携带本人身份证到民政服务大厅核验后更改。`,
  );

export type BindAnswer =
  | { status: 'bound'; user: ReturnType<typeof toUserView> }
  | { status: 'pending'; user: ReturnType<typeof toUserView>; claim: { status: 'pending'; message: string } };

/**
 * Real-name binding: the ID number is already validated (GB 11643) at the edge. One ID number
 * belongs to one WeChat account, so bookings and complaints are one person's.
 *
 * - Attempts are limited per citizen and per address (shared cache: every process counts).
 * - A number another account holds is never bound on the claimant's word and never answered
 *   with "already registered": the claim is kept, pending verification (README: real-name binding).
 * - A bound identity does not change while anything depends on it (bookings not yet over, today's
 *   queue tickets, open applications): the hall desk checks the person on the ID card against it.
 */
export function makeBindIdentity(p: Platform, { User, IdentityClaim }: IdentityModels, dependents: IdentityDependents) {
  async function holdClaim(user: UserModel, input: { name: string; idNumber: string }, idHash: string) {
    const values = {
      user_id: user.id,
      name_enc: p.pii.encrypt(input.name),
      id_number_enc: p.pii.encrypt(input.idNumber),
      id_number_hash: idHash,
      status: 'pending' as const,
    };
    // One claim per citizen: a newer one replaces it (two taps at once: the second updates).
    const replaced = async () => {
      const [n] = await IdentityClaim.update(values, { where: { user_id: user.id } });
      return n > 0;
    };
    if (!(await replaced()))
      await IdentityClaim.create(values).catch(async (err) => {
        if (!(err instanceof UniqueConstraintError) || !(await replaced())) throw err;
      });
    await p.audit.record({
      actor: { type: 'citizen', id: user.id },
      action: 'identity.claim',
      target: { type: 'user', id: user.id },
    });
    return {
      status: 'pending' as const,
      user: toUserView(user, p.pii),
      claim: { status: 'pending' as const, message: CLAIM_PENDING_MESSAGE },
    };
  }

  return async function bindIdentity(
    userId: number,
    input: { name: string; idNumber: string },
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
    const holder = await User.findOne({ where: { id_number_hash: idHash } });
    if (holder && holder.id !== userId) return holdClaim(user, input, idHash);

    const bound = await user
      .update({
        name_enc: p.pii.encrypt(input.name),
        id_number_enc: p.pii.encrypt(input.idNumber),
        id_number_hash: idHash,
        real_named_at: p.clock.date(),
      })
      .then(() => true)
      .catch((err) => {
        // Two accounts binding the same number at the same instant: the unique index decides,
        // and the others' claims wait for verification like any claim on a held number.
        if (err instanceof UniqueConstraintError) return false;
        throw err;
      });
    if (!bound) {
      await user.reload();
      return holdClaim(user, input, idHash);
    }
    await IdentityClaim.destroy({ where: { user_id: userId } });
    await p.audit.record({
      actor: { type: 'citizen', id: userId },
      action: alreadyBound ? 'identity.change' : 'identity.bind',
      target: { type: 'user', id: userId },
    });
    return { status: 'bound', user: toUserView(user, p.pii) };
  };
}
