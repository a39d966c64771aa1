import type { CareLevel, ElderlyFeeView, ElderlyPlaceView } from '@minzheng/contracts';
import { api } from '../../app/api';

export type StaffPlace = ElderlyPlaceView & { version: number };
export type StaffPlaceDetail = StaffPlace & { fees: ElderlyFeeView[] };

export interface PlaceUpdate {
  version: number;
  beds: number;
  vacancies: number;
  careLevels: CareLevel[];
  hours?: string;
  fees: { item: string; unit: string; priceCents: number; note: string }[];
}

/** The places in the account's divisions and their upkeep (server: modules/elderly keep-current.ts). */
export const elderlyApi = {
  places: (page: number) =>
    api<{ items: StaffPlace[]; total: number }>('/api/staff/elderly/places', { query: { page, pageSize: 20 } }),
  place: (id: number) => api<StaffPlaceDetail>(`/api/staff/elderly/places/${id}`),
  update: (id: number, body: PlaceUpdate) =>
    api<StaffPlaceDetail>(`/api/staff/elderly/places/${id}`, { method: 'PUT', body }),
};

export const yuan = (cents: number) => `${(cents / 100).toLocaleString('zh-CN')} 元`;
