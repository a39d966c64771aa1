import type { BookingRow, CaseRow } from './models';

export const CHECK_IN_PREFIX = 'MZBK:';

const STATUS_TEXT: Record<string, string> = {
  awaiting_partner: '待对方确认',
  confirmed: '已预约',
  checked_in: '已签到',
  completed: '已办结',
  cancelled: '已取消',
  lapsed: '已失效',
  no_show: '未到场',
};

export interface BookingNames {
  hall: string;
  service: string;
  address?: string;
}

export const toBookingView = (b: BookingRow, names: BookingNames, viewer: number) => ({
  code: b.code,
  hallId: b.hall_id,
  hallName: names.hall,
  hallAddress: names.address ?? null,
  serviceCode: b.service_code,
  serviceName: names.service,
  date: b.date,
  period: b.period,
  time: `${b.start_time}-${b.end_time}`,
  status: b.status,
  statusText: STATUS_TEXT[b.status] ?? b.status,
  visit: b.visit,
  role: b.user_id === viewer ? 'booker' : 'partner',
  twoParty: b.partner_user_id !== null || b.status === 'awaiting_partner',
  partnerConfirmed: b.partner_user_id !== null,
  // Only the booker sees the invitation, and only while it can still be used.
  invitation:
    b.user_id === viewer && b.status === 'awaiting_partner' && b.invite_code
      ? { code: b.invite_code, expiresAt: b.invite_expires_at ? new Date(b.invite_expires_at).toISOString() : null }
      : null,
  /** What the check-in QR encodes; staff scan it or type the code. */
  checkInPayload: ['confirmed', 'checked_in'].includes(b.status) ? `${CHECK_IN_PREFIX}${b.code}` : null,
  divorceCaseId: b.divorce_case_id,
  createdAt: new Date(b.created_at).toISOString(),
});

export const toCaseView = (c: CaseRow, hallName: string) => ({
  id: c.id,
  hallId: c.hall_id,
  hallName,
  appliedOn: c.applied_on,
  coolingOffEndsOn: c.cooling_off_ends_on,
  secondVisit: { from: c.second_visit_from, until: c.second_visit_until },
  status: c.status,
  statusText: {
    cooling_off: '冷静期中',
    open: '可预约第二次到场',
    booked: '已预约第二次到场',
    completed: '已办结',
    withdrawn: '已撤回',
    lapsed: '已失效',
  }[c.status],
});
