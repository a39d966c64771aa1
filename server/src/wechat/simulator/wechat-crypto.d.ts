declare module 'wechat-crypto' {
  /** node-webot's WXBizMsgCrypt: the independent implementation the simulator encrypts with. */
  class WXBizMsgCrypt {
    constructor(token: string, encodingAESKey: string, id: string);
    getSignature(timestamp: string, nonce: string, encrypt: string): string;
    encrypt(text: string): string;
    decrypt(text: string): { message: string; id: string };
  }
  export = WXBizMsgCrypt;
}
