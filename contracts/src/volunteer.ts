/** 志愿服务: activity types, statuses and their Chinese labels, shared by server and clients. */

export const VOLUNTEER_SERVICE_TYPES = [
  'elderly',
  'children',
  'disability',
  'community',
  'environment',
  'education',
  'health',
  'events',
  'emergency',
  'other',
] as const;
export type VolunteerServiceType = (typeof VOLUNTEER_SERVICE_TYPES)[number];
export const VOLUNTEER_SERVICE_TYPE_NAMES: Record<VolunteerServiceType, string> = {
  elderly: '关爱老人',
  children: '关爱儿童',
  disability: '助残服务',
  community: '社区服务',
  environment: '环境保护',
  education: '文化教育',
  health: '医疗健康',
  events: '大型活动',
  emergency: '应急救援',
  other: '其他',
};

export const ACTIVITY_STATUSES = ['draft', 'published', 'in_progress', 'finished', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '招募中',
  in_progress: '进行中',
  finished: '已完成',
  cancelled: '已取消',
};

/**
 * An activity as the search's list and map show it (`GET /api/volunteer/activities`): what a card
 * or a pin needs. Its description, tasks, requirements, risks, sign-up deadline and organizer's
 * contact are on its own page (`GET /api/volunteer/activities/:id`).
 */
export interface VolunteerActivityListItem {
  id: number;
  title: string;
  type: string;
  typeName: string;
  org: { id: number; name: string } | null;
  divisionCode: string;
  insurance: boolean;
  quota: number;
  placesLeft: number;
  address: string;
  lat: number;
  lng: number;
  startsAt: string;
  endsAt: string;
  status: ActivityStatus;
  statusName: string;
  /** Metres from the point asked about, rounded (only when the search is near a point). */
  distanceM?: number;
}

export const SIGNUP_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'waitlisted'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_NAMES: Record<SignupStatus, string> = {
  pending: '待审核',
  approved: '已录用',
  rejected: '未录用',
  cancelled: '已取消',
  waitlisted: '候补中',
};

export const ATTENDANCE_STATUS_NAMES = {
  signed_in: '已签到',
  signed_out: '已签退，待组织确认',
  confirmed: '时长已确认',
  rejected: '时长未予确认',
} as const;
export type AttendanceStatus = keyof typeof ATTENDANCE_STATUS_NAMES;

/** Why a scan needs the organizer's approval before its hours count. */
export const SCAN_FLAG_NAMES = {
  out_of_fence: '不在活动地点范围内',
  out_of_window: '不在活动时间内',
} as const;
export type ScanFlag = keyof typeof SCAN_FLAG_NAMES;

export const LEDGER_KIND_NAMES = { scan: '扫码记录', manual: '补录', correction: '更正' } as const;
export type LedgerKind = keyof typeof LEDGER_KIND_NAMES;

/** Membership of a volunteer organization: joining needs the organization's approval. */
export const MEMBER_STATUS_NAMES = {
  pending: '待审核',
  approved: '已加入',
  refused: '未通过',
  left: '已退出',
} as const;
export type MemberStatus = keyof typeof MEMBER_STATUS_NAMES;

export const CERTIFICATE_STATUS_NAMES = { requested: '待开具', issued: '有效', revoked: '已撤销' } as const;
export type CertificateStatus = keyof typeof CERTIFICATE_STATUS_NAMES;

/** 星级 from approved hours (民函〔2012〕340号): 1★ at 100 h … 5★ at 1500 h. */
export const STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const;
export function starLevel(approvedHours: number): number {
  return STAR_THRESHOLDS_HOURS.filter((h) => approvedHours >= h).length;
}

/** A scan of the on-site code: the phone's reading of the QR and its location. */
export interface ScanRequest {
  code: string;
  action: 'in' | 'out';
  lat: number;
  lng: number;
  /** The reported accuracy of the location, in metres. */
  accuracy: number;
}

/** 志愿服务统计 (`GET /api/staff/volunteer/stats?from=YYYY-MM&to=YYYY-MM&divisionCode=`). */
export interface VolunteerStatsRow {
  /** Volunteers credited with hours (distinct people). */
  volunteers: number;
  /** Activities held (published, under way or finished) that start in the period. */
  activities: number;
  /** Credited hours, 补录 included. */
  hours: number;
  /** Of which 补录 (manual entries). */
  manualHours: number;
}
export interface VolunteerStats {
  from: string;
  to: string;
  totals: VolunteerStatsRow;
  /** One row per Beijing month from `from` to `to`, empty months included. */
  byMonth: (VolunteerStatsRow & { month: string })[];
  /** By 区县 (first six digits of the activity's division). */
  byArea: (VolunteerStatsRow & { divisionCode: string; divisionName: string })[];
  /**
   * By 乡镇/街道 (first nine digits of the activity's division), inside the same scope; activities
   * registered only down to the 区县 are not in it. `countyName` is the 区县 it lies in.
   */
  byTown: (VolunteerStatsRow & { divisionCode: string; divisionName: string; countyName: string })[];
  /** The share of 补录 hours by organization; flagged above one half. */
  byOrg: {
    orgId: number;
    orgName: string;
    hours: number;
    manualHours: number;
    manualShare: number;
    manualFlagged: boolean;
  }[];
}
