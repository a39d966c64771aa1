import { createHash } from 'node:crypto';
import type { PiiCrypto } from '../../../platform/crypto';

/**
 * What a complaint's idempotency key is checked against: a keyed hash (the platform's HMAC under
 * PII_KEY) of the SHA-256 of what the citizen sent. The text holds the contact's name and phone,
 * so an unkeyed digest could be searched (a phone number was recovered from one in minutes);
 * without the key nobody can test a guess. Hashing the SHA-256 rather than the text lets the
 * migration re-key the digests stored before (202612120020).
 */
export function keyedFingerprint(pii: PiiCrypto, sha256Hex: string): string {
  return pii.hash(`org-complaint:${sha256Hex}`);
}

export function complaintFingerprint(pii: PiiCrypto, content: unknown): string {
  return keyedFingerprint(pii, createHash('sha256').update(JSON.stringify(content)).digest('hex'));
}
