/** A booking's status, and how citizens and staff read it. */
export const BOOKING_STATUS_LABELS = {
  awaiting_partner: '待对方确认',
  confirmed: '已预约',
  checked_in: '已签到',
  completed: '已办结',
  cancelled: '已取消',
  lapsed: '已失效',
  no_show: '未到场',
} as const;
export type BookingStatus = keyof typeof BOOKING_STATUS_LABELS;

/** POST /api/bookings (the server's zod schema `bookBody` must accept exactly this). */
export interface BookRequest {
  hallId: number;
  serviceCode: string;
  /** YYYY-MM-DD, Beijing */
  date: string;
  /** a period key from GET /api/bookings/periods */
  period: string;
  /** whether to be asked for WeChat notices about it (default false) */
  consentNotices?: boolean;
}

/** A booking as its citizen sees it: POST /api/bookings, GET /api/bookings/mine, /api/bookings/:code. */
export interface BookingView {
  code: string;
  hallId: number;
  hallName: string;
  hallAddress: string | null;
  serviceCode: string;
  serviceName: string;
  date: string;
  period: string;
  /** 09:00-09:30 */
  time: string;
  status: BookingStatus;
  statusText: string;
  /** 1, or 2 for a divorce's second visit */
  visit: number;
  role: 'booker' | 'partner';
  twoParty: boolean;
  partnerConfirmed: boolean;
  /** only for the booker, while the partner has not accepted */
  invitation: { code: string; expiresAt: string | null } | null;
  /** what the check-in QR encodes, while it can be checked in */
  checkInPayload: string | null;
  divorceCaseId: number | null;
  createdAt: string;
}

/** A person on a staff page: name and ID number masked. */
export interface MaskedPerson {
  name: string;
  idNumber: string;
}

/** One of a hall's bookings on the desk: GET /api/staff/halls/:id/bookings. */
export interface DeskBookingView {
  code: string;
  time: string;
  serviceCode: string;
  serviceName: string;
  visit: number;
  status: BookingStatus;
  statusText: string;
  booker: MaskedPerson | null;
  partner: MaskedPerson | null;
  checkedInAt: string | null;
}
