import { pinyin } from 'pinyin-pro';

/** 婚姻登记 → hunyindengji: the pinyin without tones or spaces (ü as v, as phones type it). */
export const pinyinOf = (text: string) =>
  pinyin(text, { toneType: 'none', type: 'array', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** 婚姻登记 → hydj: the first letter of each syllable. */
export const initialsOf = (text: string) =>
  pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** A query of letters only is matched against the pinyin and initials of titles. */
export const isLatin = (q: string) => /^[a-z' ]+$/i.test(q);
