/**
 * WeChat's message crypto for the public account's push endpoint (docs/wechat.md, safe mode):
 * signatures are sha1 over the sorted parts; AES-256-CBC with the key from EncodingAESKey and
 * IV = its first 16 bytes; plaintext = 16 random bytes + 4-byte big-endian length + message +
 * appid, PKCS#7-padded to a multiple of 32.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const sha1Signature = (...parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');

/** Constant-time comparison of two hex signatures. */
export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given.toLowerCase()));
}

export class DecryptError extends Error {}

export class MessageCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  /** The Token and EncodingAESKey set in the account's 服务器配置 (member accounts share ours). */
  constructor(
    readonly token: string,
    encodingAesKey: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  /** Signature of a plain or compatible-mode request (token, timestamp, nonce). */
  signature(timestamp: string, nonce: string): string {
    return sha1Signature(this.token, timestamp, nonce);
  }

  /** msg_signature of a safe-mode request or reply (token, timestamp, nonce, Encrypt). */
  msgSignature(timestamp: string, nonce: string, encrypt: string): string {
    return sha1Signature(this.token, timestamp, nonce, encrypt);
  }

  /** Encrypts a message for the account `appid` (carried inside, checked by the receiver). */
  encrypt(message: string, appid: string): string {
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appid, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
      'base64',
    );
  }

  /** Returns the message and the appid found after it; throws DecryptError on any malformation. */
  decrypt(encrypted: string): { message: string; appid: string } {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new DecryptError('not base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new DecryptError('bad length');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new DecryptError('cannot decrypt');
    }
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > 32 || pad > plain.length) throw new DecryptError('bad padding');
    const content = plain.subarray(16, plain.length - pad);
    if (content.length < 4) throw new DecryptError('too short');
    const len = content.readUInt32BE(0);
    if (len > content.length - 4) throw new DecryptError('bad message length');
    return {
      message: content.subarray(4, 4 + len).toString('utf8'),
      appid: content.subarray(4 + len).toString('utf8'),
    };
  }
}
