import type { PlaceNameAction, PlaceNameAnnouncementView, PlaceNameView } from '@minzheng/contracts';
import { api } from '../../app/api';

/** 地名 as an officer sees it (server: modules/placenames). */
export const placeKeys = {
  register: (q: string, status: string, page: number) => ['placenames', 'register', q, status, page] as const,
  announcements: (page: number) => ['placenames', 'announcements', page] as const,
};

export interface AnnouncementBody {
  action: PlaceNameAction;
  placeNameId?: number;
  name?: string;
  pinyin?: string;
  category?: string;
  divisionCode?: string;
  location?: string;
  meaning?: string;
  history?: string;
  approvalBody: string;
  approvalDate: string;
}

export const placeApi = {
  register: (q: string, status: string, page: number) =>
    api<{ items: PlaceNameView[]; hasMore: boolean }>('/api/staff/place-names', {
      query: { q: q || undefined, status: status === 'all' ? undefined : status, page },
    }),
  announcements: (page: number) =>
    api<{ items: PlaceNameAnnouncementView[]; hasMore: boolean }>('/api/staff/place-names/announcements', {
      query: { page },
    }),
  announce: (body: AnnouncementBody) =>
    api<PlaceNameAnnouncementView & { notified: number }>('/api/staff/place-names/announcements', {
      method: 'POST',
      body,
    }),
};
