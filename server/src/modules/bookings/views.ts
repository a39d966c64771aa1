import type { BookingRow, CaseRow } from './models';
import { BOOKING_STATUS_LABELS, type BookingView } from '@minzheng/contracts';

export const CHECK_IN_PREFIX = 'MZBK:';

export interface BookingNames {
  hall: string;
  service: string;
  address?: string;
}

export const toBookingView = (b: BookingRow, names: BookingNames, viewer: number): BookingView => ({
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
  statusText: BOOKING_STATUS_LABELS[b.status],
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
