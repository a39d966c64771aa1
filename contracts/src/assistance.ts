/**
 * 社会救助: the kinds a family applies for, their case types and the choices of the household
 * form, with the labels a citizen and a clerk read — one copy for the server's schemas and
 * notices, the mini-program's forms and the console's inbox.
 */
export type AssistanceKind = 'dibao' | 'tekun' | 'temporary' | 'emergency';

export const ASSISTANCE_KINDS: readonly AssistanceKind[] = ['dibao', 'tekun', 'temporary', 'emergency'];

export const ASSISTANCE_KIND_NAMES: Record<AssistanceKind, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  temporary: '临时救助',
  emergency: '临时救助（急难型先行救助）',
};

/** The case engine's type key of each kind (`assistance.dibao` …). */
export const ASSISTANCE_CASE_TYPES: Record<AssistanceKind, string> = {
  dibao: 'assistance.dibao',
  tekun: 'assistance.tekun',
  temporary: 'assistance.temporary',
  emergency: 'assistance.emergency',
};

export const RELATIONS = ['本人', '配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'] as const;
export const HEALTH = ['健康', '慢性病', '重大疾病'] as const;
export const DISABILITY = [
  '无',
  '智力或精神残疾一级',
  '智力或精神残疾二级',
  '智力或精神残疾三级',
  '智力或精神残疾四级',
  '肢体残疾一级',
  '肢体残疾二级',
  '肢体残疾三级',
  '肢体残疾四级',
  '视力残疾一级',
  '视力残疾二级',
  '其他残疾',
] as const;

/** 监督举报: what kind of irregularity a citizen reports (the server stores the key). */
export const ASSISTANCE_REPORT_CATEGORIES = {
  favoritism: '人情保、关系保',
  concealment: '隐瞒收入或财产',
  ineligible: '不符合条件仍在享受',
  staff: '工作人员违规办理',
  publicity: '公示信息不实',
  other: '其他',
} as const;
export type AssistanceReportCategory = keyof typeof ASSISTANCE_REPORT_CATEGORIES;
export const ASSISTANCE_REPORT_CATEGORY_KEYS = Object.keys(ASSISTANCE_REPORT_CATEGORIES) as AssistanceReportCategory[];

/**
 * 发放记录: one a month for each 低保/特困 case in payment. 待发放 when the month's list is made,
 * then 已发放 or 发放失败 (with the reason, e.g. the bank account was closed) as the county
 * records the bank's answer; a failed payment may be paid again (补发).
 */
export type AssistancePaymentStatus = 'pending' | 'paid' | 'failed';
export const ASSISTANCE_PAYMENT_STATUS_NAMES: Record<AssistancePaymentStatus, string> = {
  pending: '待发放',
  paid: '已发放',
  failed: '发放失败',
};
export const ASSISTANCE_PAYMENT_STATUSES = Object.keys(ASSISTANCE_PAYMENT_STATUS_NAMES) as AssistancePaymentStatus[];
