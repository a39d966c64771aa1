import { AppError } from '../../platform/errors';
import type { WechatError } from '../../wechat';

/** A WeChat refusal as staff should read it. */
export function fromWechat(err: WechatError): AppError {
  if (err.errcode === 45009) return new AppError(503, 'WECHAT_QUOTA', '今日微信接口调用次数已用完，请明天再试');
  if (err.errcode === -1) return new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
  return new AppError(502, 'WECHAT_REFUSED', `微信拒绝了此次操作（错误码 ${err.errcode}）`);
}
