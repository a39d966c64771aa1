import { randomInt } from 'node:crypto';
import { z } from 'zod';

/**
 * The password rule, in the words staff read: at least 12 characters, letters and digits
 * both. Length is what resists guessing; the mix keeps out a date or a word alone.
 */
export const staffPassword = z
  .string({ error: '请输入密码' })
  .min(12, '密码至少12位')
  .max(128, '密码不能超过128位')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '密码须同时包含字母和数字');

/** Problems of a new password that need more than the password itself. */
export function newPasswordProblem(password: string, username: string): string | null {
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

// No 0/O, 1/l/I: the password is read aloud or copied from a screen once.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password (about 70 bits), grouped for reading: `Hk7m-p2Qr-9Wz3`. Must be changed at first use. */
export function oneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const candidate = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
    if (staffPassword.safeParse(candidate).success) return candidate;
  }
}
