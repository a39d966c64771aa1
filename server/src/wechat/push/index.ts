/** The push endpoints (our public account's, the content matrix members') and WeChat's message crypto. */
export { MessageCrypto, DecryptError, sha1Signature } from './crypto';
export {
  createPushEndpoint,
  PushHandlers,
  PUSH_MODES,
  dedupeKey,
  type PushContext,
  type PushEndpointOptions,
  type PushHandler,
  type PushMessage,
  type PushMode,
  type PushReply,
} from './endpoint';
export {
  publishJobFinishOf,
  templateSendResultOf,
  type PublishJobFinish,
  type TemplateSendResult,
} from './events';
export {
  parseWechatXml,
  parseWechatXmlTree,
  buildWechatXml,
  HostileXmlError,
  MAX_PUSH_BYTES,
  type WechatXml,
} from './xml';
export { pushSettings } from './settings';
