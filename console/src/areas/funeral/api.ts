import type { FeeItemView, FuneralBillView, FuneralPlaceView, HuiminWaiver } from '@minzheng/contracts';
import { api } from '../../app/api';

export interface VisitSlot {
  id: number;
  date: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  greenCapacity: number;
  greenRemaining: number;
}

export interface GreenVisit {
  code: string;
  date: string;
  start: string;
  end: string;
  visitorName: string;
  reasonName: string;
  persons: number;
  qr: string;
}

export interface CheckIn {
  code: string;
  place: { id: number; name: string };
  date: string;
  start: string;
  end: string;
  persons: number;
  deceasedName: string;
  green: string | null;
  checkedInAt: string;
}

/** Server: modules/funeral (bills.ts, visits.ts); every write and every bill read is audited there. */
export const funeralApi = {
  homes: (kind: 'funeral_home' | 'cemetery' = 'funeral_home') =>
    api<{ items: { place: FuneralPlaceView; fees: FeeItemView[] }[] }>('/api/staff/funeral/places', {
      query: { kind },
    }),
  open: (body: { placeId: number; deceasedName: string; waivers: HuiminWaiver[] }) =>
    api<{ bill: FuneralBillView; claimCode: string }>('/api/staff/funeral/bills', { method: 'POST', body }),
  bill: (billNo: string) => api<{ bill: FuneralBillView }>(`/api/staff/funeral/bills/${encodeURIComponent(billNo)}`),
  charge: (billNo: string, charges: { itemCode: string; quantity: number }[]) =>
    api<{ bill: FuneralBillView }>(`/api/staff/funeral/bills/${encodeURIComponent(billNo)}/charges`, {
      method: 'POST',
      body: { charges },
    }),
  slots: (placeId: number, date: string) =>
    api<{ items: VisitSlot[] }>(`/api/funeral/places/${placeId}/visit-slots`, { query: { date } }),
  green: (body: {
    slotId: number;
    visitorName: string;
    idNumber: string;
    reason: 'elderly' | 'disabled';
    deceasedName: string;
    companions: number;
  }) => api<{ visit: GreenVisit }>('/api/staff/funeral/visits/green', { method: 'POST', body }),
  checkIn: (code: string) =>
    api<{ checkIn: CheckIn }>('/api/staff/funeral/visits/check-in', { method: 'POST', body: { code } }),
};

export const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;
