/** The WeChat layer's public face: the client, its token manager and its error. */
export { createWechat, type Wechat, type WechatOptions } from './client';
export {
  WechatError,
  TOKEN_ERRCODES,
  WECHAT_ERRORS,
  isTokenError,
  wechatAppError,
  wechatErrorInfo,
  wechatErrorOf,
  wechatReason,
  type WechatCondition,
  type WechatErrorClass,
  type WechatErrorInfo,
} from './errors';
export {
  TokenManager,
  tokenKey,
  type AppCredentials,
  type SecretResolver,
  type TokenManagerOptions,
} from './token-manager';
export type { Freepublish, PublishedArticle, PublishedItem, DraftArticle } from './freepublish';
export type { Material } from './material';
export {
  createPushEndpoint,
  PushHandlers,
  pushSettings,
  publishJobFinishOf,
  templateSendResultOf,
  type PublishJobFinish,
  type TemplateSendResult,
  type PushContext,
  type PushHandler,
  type PushMessage,
  type PushMode,
  type PushReply,
} from './push';
