import { SERVICE_AREAS } from '../site';
import type { ServiceItemRow } from './models';

const areaName = (key: string) => SERVICE_AREAS.find((a) => a.key === key)?.name ?? key;

export interface ServiceSummary {
  code: string;
  name: string;
  area: string;
  areaName: string;
  type: string;
  bookable: boolean;
  visits: number;
  promisedLimit: string;
  fee: string;
}

export const toSummary = (s: ServiceItemRow): ServiceSummary => ({
  code: s.code,
  name: s.name,
  area: s.area,
  areaName: areaName(s.area),
  type: s.type,
  bookable: s.bookable,
  visits: s.visits,
  promisedLimit: s.promised_limit,
  fee: s.fee,
});

export const toItemView = (s: ServiceItemRow) => ({
  ...toSummary(s),
  basis: s.basis,
  agency: s.agency,
  conditions: s.conditions,
  audience: s.audience,
  procedure: s.procedure,
  materials: s.materials,
  timeLimit: { statutory: s.statutory_limit, promised: s.promised_limit },
  result: s.result,
  channels: s.channels,
  /** 0 = 零跑腿, 1 = 最多跑一次 */
  visitsText: s.visits === 0 ? '零跑腿（全程网办）' : s.visits === 1 ? '最多跑一次' : `需到场${s.visits}次`,
  crossRegion: s.cross_region,
  placeHours: s.place_hours,
  enquiry: s.enquiry,
  complaint: s.complaint,
});
