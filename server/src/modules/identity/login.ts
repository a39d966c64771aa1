import { AppError, tooManyRequests } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { Platform } from '../../platform/platform';
import { type Wechat, wechatErrorOf } from '../../wechat';
import type { IdentityModels } from './index';
import { toUserView } from './user-view';

/**
 * A citizen opens the mini-program: WeChat gives a one-time code, we trade it for the
 * openid, find or create the user and hand out our own session. session_key stays here.
 */
export function makeLogin(p: Platform, wechat: Wechat, { User }: IdentityModels) {
  return async function login(code: string, ip: string) {
    await enforceRateLimit(
      p.cache,
      `login:ip:${ip}`,
      p.config.rateLimits.loginPerIp,
      60_000,
      '登录过于频繁，请稍后再试',
    );

    const session = await wechat.mini.code2Session(code).catch((err) => {
      throw fromWechat(err);
    });
    await enforceRateLimit(p.cache, `login:openid:${session.openid}`, 20, 60_000, '登录过于频繁，请稍后再试');

    const [user] = await User.findOrCreate({ where: { openid: session.openid }, defaults: { openid: session.openid } });
    if (session.unionid && user.unionid !== session.unionid) await user.update({ unionid: session.unionid });

    const { token, expiresAt } = await p.citizenSessions.issue({
      userId: user.id,
      openid: user.openid,
      sessionKey: session.sessionKey,
    });
    return { token, expiresAt: expiresAt.toISOString(), user: toUserView(user, p.pii) };
  };
}

/** A failed WeChat login call, in the citizen's words (meanings from the WeChat catalogue). */
function fromWechat(err: unknown): Error {
  const info = wechatErrorOf(err);
  if (!info) return err as Error;
  const message = info.citizenMessage ?? '微信服务暂时不可用，请稍后再试';
  switch (info.condition) {
    case 'code-invalid':
      return new AppError(401, 'WECHAT_CODE_INVALID', message);
    case 'too-frequent':
      return tooManyRequests(message);
    case 'risky-user':
      return new AppError(403, 'WECHAT_RISKY_USER', message);
    default:
      return new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
  }
}

export { fromWechat };
