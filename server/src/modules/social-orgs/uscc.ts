/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, the last a
 * check character over the first 17; positions 9–17 are a GB 11714 organization code whose
 * own check character (position 17) is advisory only.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export type UsccProblem = 'length' | 'charset' | 'check';

/** Case and spaces (and the dashes some printouts add) are forgiven. */
export const normalizeUscc = (input: string) => input.replace(/[\s-]+/g, '').toUpperCase();

export function usccCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * USCC_WEIGHTS[i], 0);
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export function orgCodeCheckChar(first8: string): string {
  const sum = [...first8].reduce((s, c, i) => s + ORG_CODE_CHARS.indexOf(c) * ORG_CODE_WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** null when the code is valid; the organization-code check is reported by usccWarnings. */
export function checkUscc(input: string): UsccProblem | null {
  const code = normalizeUscc(input);
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => USCC_CHARSET.includes(c))) return 'charset';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

/** Advisory findings on a valid code: an organization-code check mismatch does not void it. */
export function usccWarnings(code: string): string[] {
  const org = code.slice(8, 16);
  if (!/^[0-9A-Z]{8}$/.test(org)) return ['ORG_CODE_CHECK'];
  return orgCodeCheckChar(org) === code[16] ? [] : ['ORG_CODE_CHECK'];
}

export const USCC_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请核对后重新输入',
};

/** Builds a valid code from its parts (seeds and tests): department 5 = civil affairs. */
export function makeUscc(typeDigit: string, division: string, orgBase8: string): string {
  const org = orgBase8 + orgCodeCheckChar(orgBase8);
  const first17 = `5${typeDigit}${division}${org}`;
  return first17 + usccCheckChar(first17);
}
