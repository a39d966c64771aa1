import { randomInt } from 'node:crypto';
import { beijingDateAt } from '../../../platform/clock';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** TS + date + 6 characters: easy to read out on the phone, unguessable enough to not enumerate. */
export function newTrackingNo(nowMs: number): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `TS${beijingDateAt(nowMs).replace(/-/g, '')}${tail}`;
}
