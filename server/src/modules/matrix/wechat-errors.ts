import { type AppError, badRequest, unavailable } from '../../platform/errors';
import { WechatError } from '../../wechat';

/** What a WeChat errcode means to our staff, in their words. */
const REASONS: Record<number, string> = {
  [-1]: '微信接口超时或暂不可用',
  40001: '访问令牌失效',
  40007: '素材不存在',
  40013: 'AppID 无效',
  40125: 'AppSecret 不正确',
  40164: '本服务器 IP 未加入公众号白名单',
  41004: '缺少 AppSecret',
  45009: '接口调用次数已达今日上限',
  48001: '公众号未获得该接口权限',
  53503: '该草稿未通过发布检查',
};

export function reasonOf(err: unknown): string {
  if (err instanceof WechatError) return `${REASONS[err.errcode] ?? '微信接口返回错误'}（${err.errcode}）`;
  return '系统错误';
}

/** Checking a member's credentials: a wrong pair is the editor's to fix; anything else is WeChat's. */
export function credentialError(err: unknown): AppError {
  if (err instanceof WechatError) {
    if ([40013, 40125, 41002, 41004, 40001].includes(err.errcode)) {
      return badRequest(
        'MEMBER_CREDENTIALS_INVALID',
        `公众号凭据校验未通过：${reasonOf(err)}，请核对 AppID 和 AppSecret`,
        { secret: reasonOf(err) },
      );
    }
    if (err.errcode === 40164) return badRequest('MEMBER_IP_NOT_WHITELISTED', `公众号凭据校验未通过：${reasonOf(err)}`);
  }
  return unavailable('WECHAT_UNAVAILABLE', `暂时无法校验公众号凭据：${reasonOf(err)}，请稍后再试`);
}
