import { divisions } from '../divisions';
import { CREDIT_STATUS_NAMES, type CreditEntryFacts, type CreditStatus } from './credit';
import type {
  ComplaintEventRow,
  ComplaintRow,
  CreditEntryRow,
  InspectionRow,
  OrgRow,
  PenaltyRow,
  RatingRow,
  TransitionRow,
} from './models';

export const ORG_TYPES = { social_group: '社会团体', social_service: '社会服务机构', foundation: '基金会' } as const;
export const ORG_STATUSES = { active: '正常', revoked: '撤销', deregistered: '注销' } as const;
export const AUTHORITY_LEVELS = { national: '部级', provincial: '省级', city: '市级', county: '县级' } as const;
export const INSPECTION_KINDS = { annual_inspection: '年检', annual_report: '年报' } as const;
export const INSPECTION_RESULTS = { qualified: '合格', basic: '基本合格', unqualified: '不合格' } as const;
export const CREDIT_LISTS = { abnormal: '活动异常名录', serious: '严重违法失信名单' } as const;
export const LIST_REASONS = {
  abnormal: {
    annual_report_missing: '未按照规定时限和要求向登记管理机关报送年度工作报告',
    correction_overdue: '未按照登记管理机关的责令改正要求按期完成整改',
    unreachable: '通过登记的住所无法与社会组织取得联系',
    warning_or_fine: '受到警告或者不满1万元罚款处罚',
    other_law: '法律、行政法规规定应当列入的其他情形',
  },
  serious: {
    abnormal_2y: '被列入活动异常名录满2年',
    fraud_registration: '弄虚作假办理变更登记，被撤销变更登记',
    ordered_stop: '被责令停止活动',
    large_fine: '受到1万元以上罚款处罚',
    repeated_penalties: '3年内2次以上受到警告或者不满1万元罚款处罚',
    court_dishonest: '被人民法院列入失信被执行人名单',
    revoked: '被撤销登记或吊销登记证书',
    other_law: '法律、行政法规规定应当列入的其他情形',
  },
} as const;
/** Reasons whose listing ends only on correction; the others leave after 6 months. */
export const CORRECTION_REQUIRED = new Set(['annual_report_missing', 'correction_overdue', 'unreachable', 'other_law']);

export const COMPLAINT_CATEGORIES = {
  unregistered: '未经登记擅自开展活动',
  fees: '违规收费或强制入会',
  fundraising: '违规募捐或集资',
  fraud: '虚假宣传或诈骗',
  governance: '内部治理混乱',
  other: '其他',
} as const;
export const COMPLAINT_STATUSES = {
  submitted: '已提交',
  accepted: '已受理',
  answered: '已答复',
  rejected: '不予受理',
} as const;

// 北京市 is both the province and its city: say it once.
const divisionName = (code: string) =>
  code === '100000'
    ? '全国'
    : divisions
        .path(code)
        .map((division) => division.name)
        .filter((n, i, all) => n !== all[i - 1])
        .join('') || code;

export const toEntryFacts = (e: CreditEntryRow): CreditEntryFacts => ({
  id: e.id,
  list: e.list,
  dateIn: e.date_in,
  dateOut: e.date_out,
  correctionRequired: Boolean(e.correction_required),
});

export function toOrgListItem(
  o: Pick<
    OrgRow,
    'uscc' | 'name' | 'type' | 'division_code' | 'authority' | 'status' | 'credit_status' | 'registered_at'
  >,
) {
  return {
    uscc: o.uscc,
    name: o.name,
    type: o.type,
    typeName: ORG_TYPES[o.type],
    divisionCode: o.division_code,
    divisionName: divisionName(o.division_code),
    authority: o.authority,
    status: o.status,
    statusName: ORG_STATUSES[o.status],
    creditStatus: o.credit_status as CreditStatus,
    creditStatusName: CREDIT_STATUS_NAMES[o.credit_status as CreditStatus],
    registeredAt: o.registered_at,
  };
}

export function toOrgDetail(o: OrgRow) {
  return {
    ...toOrgListItem(o),
    authorityLevel: o.authority_level,
    authorityLevelName: AUTHORITY_LEVELS[o.authority_level as keyof typeof AUTHORITY_LEVELS] ?? o.authority_level,
    supervisor: o.supervisor,
    legalRepresentative: o.legal_rep,
    registeredCapital: o.registered_capital === null ? null : Number(o.registered_capital),
    address: o.address,
    businessScope: o.business_scope,
    certificate: { validFrom: o.cert_valid_from, validTo: o.cert_valid_to },
  };
}

/** effectiveOut/reasonOut: the stored exit, or the automatic one due by the date asked. */
export function toEntryView(e: CreditEntryRow, effectiveOut: string | null, reasonOut: string | null = e.reason_out) {
  const reasons = LIST_REASONS[e.list] as Record<string, string>;
  return {
    id: e.id,
    list: e.list,
    listName: CREDIT_LISTS[e.list],
    reasonCategory: e.reason_category,
    reasonCategoryName: reasons[e.reason_category] ?? e.reason_category,
    reason: e.reason,
    decisionNo: e.decision_no,
    authority: e.authority,
    dateIn: e.date_in,
    correctionRequired: Boolean(e.correction_required),
    dateOut: effectiveOut,
    reasonOut: effectiveOut ? reasonOut : null,
  };
}

export const toTransitionView = (t: TransitionRow) => ({
  date: t.effective_date,
  kind: t.kind,
  from: t.from_status,
  to: t.to_status,
  fromName: CREDIT_STATUS_NAMES[t.from_status],
  toName: CREDIT_STATUS_NAMES[t.to_status],
  cause: t.cause,
});

export const toInspectionView = (i: InspectionRow) => ({
  year: i.year,
  kind: i.kind,
  kindName: INSPECTION_KINDS[i.kind as keyof typeof INSPECTION_KINDS] ?? i.kind,
  result: i.result,
  resultName: INSPECTION_RESULTS[i.result as keyof typeof INSPECTION_RESULTS] ?? i.result,
  remark: i.remark,
});

export const toPenaltyView = (penalty: PenaltyRow) => ({
  decisionNo: penalty.decision_no,
  authority: penalty.authority,
  date: penalty.decided_at,
  kind: penalty.kind,
  reason: penalty.reason,
  amount: penalty.amount === null ? null : Number(penalty.amount),
});

export const toRatingView = (r: RatingRow, asOf: string) => ({
  level: r.level,
  label: `${r.level}A`,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  authority: r.authority,
  valid: r.valid_from <= asOf && asOf <= r.valid_to,
});

/** What the citizen sees of their own complaint; the contact is masked. */
export function toComplaintView(c: ComplaintRow, events: ComplaintEventRow[], contactPhone: string | null) {
  return {
    trackingNo: c.tracking_no,
    targetType: c.target_type,
    targetName: c.target_name,
    category: c.category,
    categoryName: COMPLAINT_CATEGORIES[c.category as keyof typeof COMPLAINT_CATEGORIES] ?? c.category,
    content: c.content,
    anonymous: Boolean(c.anonymous),
    contactPhone,
    status: c.status,
    statusName: COMPLAINT_STATUSES[c.status],
    answer: c.answer,
    rejectReason: c.reject_reason,
    submittedAt: new Date(c.created_at).toISOString(),
    progress: events.map((e) => ({
      status: e.status,
      statusName: COMPLAINT_STATUSES[e.status],
      note: e.note,
      at: new Date(e.created_at).toISOString(),
    })),
  };
}
