import { divisions } from '../divisions';
import { LEVEL_DIGITS, LEVEL_NAMES, type Level, type StageHolder } from './types';

/**
 * The name of the organ at `code` (a scope prefix of the level's length). The divisions
 * module knows counties and above; a 乡镇/街道 it does not know yet is named by its county and
 * code rather than invented.
 */
export function organName(code: string, level: Level): string {
  const known = divisions.get(code);
  if (level === 'township') {
    if (known) return placeName(code);
    const county = placeName(code.slice(0, 6));
    return `${county || code.slice(0, 6)}乡镇（街道）${code}`;
  }
  const name = known ? placeName(code) : code;
  return level === 'province' ? `${name}民政厅` : `${name}民政局`;
}

/** Who holds a stage, in the words a citizen reads: 「北京市朝阳区民政局」「入户调查人员」「申请人」. */
export function holderName(holder: StageHolder | undefined, divisionCode: string): string {
  if (!holder) return '—';
  switch (holder.kind) {
    case 'applicant':
      return '申请人';
    case 'system':
      return '系统自动办理';
    case 'assignee':
      return `${organName(divisionCode.slice(0, LEVEL_DIGITS[holder.level]), holder.level)}指定的承办人员`;
    case 'staff':
      return organName(divisionCode.slice(0, LEVEL_DIGITS[holder.level]), holder.level);
  }
}

export const levelName = (level: Level) => LEVEL_NAMES[level];

/** 北京市朝阳区, not 北京市北京市朝阳区: a municipality is its own city. */
export function placeName(code: string): string {
  const names = divisions.path(code).map((division) => division.name);
  return names.filter((name, i) => name !== names[i - 1]).join('');
}

/** Who holds a stage, by level only (for describing a type, not a case). */
export function holderLabel(holder: StageHolder | undefined): string {
  if (!holder) return '—';
  if (holder.kind === 'applicant') return '申请人';
  if (holder.kind === 'system') return '系统自动办理';
  return holder.kind === 'assignee' ? `${LEVEL_NAMES[holder.level]}指定的承办人员` : LEVEL_NAMES[holder.level];
}
