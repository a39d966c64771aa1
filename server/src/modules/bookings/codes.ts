import { randomInt } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';

// No 0/O, 1/I/L: codes are read aloud at the counter and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** Runs `fn` with a fresh code until the code's unique key accepts it. */
export async function withFreshCode<T>(fn: (code: string) => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn(newCode());
    } catch (err) {
      if (!(err instanceof CodeTaken) || i >= 4) throw err;
    }
  }
}
/** Thrown by `fn` of withFreshCode when its code collided with another booking's. */
export class CodeTaken extends Error {}
export const isUniqueViolation = (err: unknown) => err instanceof UniqueConstraintError;
