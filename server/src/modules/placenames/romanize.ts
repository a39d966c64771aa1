import { pinyin } from 'pinyin-pro';

/**
 * Romanized spelling of a place name (汉语拼音, GB/T 16159 / 《中国地名汉语拼音字母拼写规则》 in
 * its simplest form): syllables joined into one word, capitalized, with an apostrophe before a
 * syllable starting with a, o or e that follows another (西安 → Xi'an). Staff may give the exact
 * spelling instead (generic part separated: Tian'anmen Guangchang); this is the default.
 */
export function romanize(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).filter((s) => /^[a-zü]+$/i.test(s));
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word ? word[0].toUpperCase() + word.slice(1) : '';
}

/** Letters only, lower case, tone marks off: Tian'anmen Guangchang → tiananmenguangchang. */
export function pinyinKey(spelling: string): string {
  return spelling
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, 191);
}

/** The first letter of each syllable: 天安门广场 → tamgc (what people type on a phone). */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, 64);
}

/** A query that is letters only searches the pinyin; anything else searches the Chinese name. */
export const isLatin = (q: string) => /^[A-Za-z' ]+$/.test(q);

/** The smallest string greater than every string starting with `prefix` (for an index range). */
export function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)!;
  return chars.join('') + String.fromCodePoint(last + 1);
}
