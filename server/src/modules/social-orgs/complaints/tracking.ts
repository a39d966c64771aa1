import { randomInt } from 'node:crypto';
import { chinaToday } from '../credit';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** TS + date + 6 characters: easy to read out on the phone, unguessable enough to not enumerate. */
export function newTrackingNo(now = new Date()): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `TS${chinaToday(now).replace(/-/g, '')}${tail}`;
}
