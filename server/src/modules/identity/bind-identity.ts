import { Op, UniqueConstraintError } from 'sequelize';
import { conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { IdentityModels } from './index';
import { toUserView } from './user-view';

const idNumberInUseError = () => conflict('ID_NUMBER_IN_USE', '该身份证号已绑定其他微信账号，如有疑问请拨打服务热线');

/**
 * Real-name binding: the ID number is already validated (GB 11643) at the edge. One ID
 * number belongs to one WeChat account, so bookings and complaints are one person's.
 */
export function makeBindIdentity(p: Platform, { User }: IdentityModels) {
  return async function bindIdentity(userId: number, input: { name: string; idNumber: string }) {
    const user = await User.findByPk(userId);
    if (!user) throw notFound('用户不存在');
    const idHash = p.pii.hash(input.idNumber);
    const other = await User.findOne({ where: { id_number_hash: idHash, id: { [Op.ne]: userId } } });
    if (other) throw idNumberInUseError();
    await user
      .update({
        name_enc: p.pii.encrypt(input.name),
        id_number_enc: p.pii.encrypt(input.idNumber),
        id_number_hash: idHash,
        real_named_at: p.clock.date(),
      })
      .catch((err) => {
        // Two accounts binding the same number at the same instant: the unique index decides.
        if (err instanceof UniqueConstraintError) throw idNumberInUseError();
        throw err;
      });
    await p.audit.record({
      actor: { type: 'citizen', id: userId },
      action: 'identity.bind',
      target: { type: 'user', id: userId },
    });
    return { user: toUserView(user, p.pii) };
  };
}
