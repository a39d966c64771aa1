import type { BookingRow } from './models';
import type { Names } from './names';
import { pageLink } from '@minzheng/contracts';

/**
 * The data every booking notice carries. Names are fetched before a transaction starts
 * (SQLite has one connection: a read outside the transaction inside it would wait forever).
 */
export function noticeData(n: Names, b: BookingRow, extra: Record<string, string> = {}) {
  return {
    hall: n.hall,
    service: n.service,
    address: n.address,
    materials: n.materials || '身份证件',
    date: b.date,
    time: `${b.start_time}-${b.end_time}`,
    code: b.code,
    ...extra,
  };
}

export const bookingLink = (code: string) => pageLink('booking', { code });
