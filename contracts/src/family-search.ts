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

/** 易走失人员: why a family pre-registers a relative. */
export const WANDERER_CONDITION_LABELS = {
  dementia: '认知障碍（失智）',
  intellectual: '智力残疾',
  mental: '精神障碍',
  other: '其他易走失情况',
} as const;
export type WandererCondition = keyof typeof WANDERER_CONDITION_LABELS;

/** How far a notice's push to public-account followers reaches; it widens for older cases. */
export const PUSH_LEVEL_LABELS = { county: '发现地县区', city: '发现地所在市', province: '发现地所在省' } as const;
export type PushLevel = keyof typeof PUSH_LEVEL_LABELS;

export const PUSH_STATUS_LABELS = { proposed: '待审批扩大', sending: '推送中', sent: '已推送' } as const;
export type PushStatus = keyof typeof PUSH_STATUS_LABELS;

/** A notice still unresolved this many days after a push is proposed for the next, wider level. */
export const PUSH_WIDEN_AFTER_DAYS: Record<Exclude<PushLevel, 'county'>, number> = { city: 3, province: 10 };

/** One of a family's own searches (GET /api/family-search/searches), as they registered it. */
export interface MyFamilySearch {
  id: number;
  sex: Sex;
  ageMin: number;
  ageMax: number;
  heightCm: number | null;
  accent: string | null;
  features: string | null;
  lastSeenDate: string;
  /** Today's code: an abolished one given at registration is stored as its successor. */
  lastSeenDivisionCode: string;
  lastSeenPlace: string;
  createdAt: string;
}
