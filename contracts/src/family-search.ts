/** 救助寻亲: notices of persons in care, families' searches, leads. */
export const FAMILY_SEARCH_STATUS_LABELS = {
  open: '寻亲中',
  lead: '有线索',
  verified: '线索核实',
  reunited: '已团聚',
  placed: '已安置',
} as const;
export type FamilySearchStatus = keyof typeof FAMILY_SEARCH_STATUS_LABELS;

export const SEX_LABELS = { male: '男', female: '女' } as const;
export type Sex = keyof typeof SEX_LABELS;

export const BUILD_LABELS = { slim: '偏瘦', medium: '中等', heavy: '偏胖' } as const;
export type Build = keyof typeof BUILD_LABELS;

/** One match of a family's search: the notice, the score (0–100) and why, in Chinese. */
export interface FamilySearchMatch {
  noticeId: number;
  score: number;
  reasons: string[];
  summary: string;
}
