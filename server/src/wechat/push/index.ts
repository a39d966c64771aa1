/** The public account's push endpoint and message crypto (docs/wechat.md, "Pushed messages"). */
export { MessageCrypto, DecryptError, sha1Signature } from './crypto';
export {
  createPushEndpoint,
  PushHandlers,
  dedupeKey,
  type PushMessage,
  type PushReply,
  type PushHandler,
} from './endpoint';
export { parseWechatXml, buildWechatXml, HostileXmlError, MAX_PUSH_BYTES } from './xml';
