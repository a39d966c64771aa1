import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { type Wechat, wechatErrorOf } from '../../wechat';
import type { IdentityModels } from './index';
import { fromWechat } from './login';
import { toUserView } from './user-view';

/** Phone binding: the number comes from WeChat (getPhoneNumber button), never typed. */
export function makeBindPhone(p: Platform, wechat: Wechat, { User }: IdentityModels) {
  return async function bindPhone(userId: number, code: string) {
    const user = await User.findByPk(userId);
    if (!user) throw notFound('用户不存在');
    const info = await wechat.mini.getPhoneNumber(code).catch((err) => {
      if (wechatErrorOf(err)?.condition === 'code-invalid')
        throw badRequest('PHONE_CODE_INVALID', '手机号授权已失效，请重新授权');
      throw fromWechat(err);
    });
    const phone = info.purePhoneNumber;
    await user.update({
      phone_enc: p.pii.encrypt(phone),
      phone_hash: p.pii.hash(phone),
      phone_bound_at: p.clock.date(),
    });
    await p.audit.record({
      actor: { type: 'citizen', id: userId },
      action: 'identity.bind_phone',
      target: { type: 'user', id: userId },
    });
    return { user: toUserView(user, p.pii) };
  };
}
