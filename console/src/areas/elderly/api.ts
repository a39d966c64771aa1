import type {
  AssessmentSlotView,
  CareLevel,
  ElderlyFeeView,
  ElderlyPlaceView,
  MealMenuView,
  HallFamilyLinkView,
  MealOrderView,
  MealPickupView,
  MealSlot,
} from '@minzheng/contracts';
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

export interface DayMenu {
  placeId: number;
  placeName: string;
  day: string;
  items: MealMenuView[];
}
export interface MenuInput {
  slot: MealSlot;
  dishes: string;
  priceCents: number;
  portions: number;
  cutoff: string;
}
export interface DayOrders {
  placeId: number;
  placeName: string;
  day: string;
  totals: {
    slot: MealSlot;
    slotName: string;
    portions: number;
    ordered: number;
    pickedUp: number;
    subsidyCents: number;
    payCents: number;
  }[];
  items: MealOrderView[];
}

/** 助餐 and 能力评估 slots of a place (server: modules/elderly meals.ts, assessment.ts). */
export const mealsApi = {
  menu: (placeId: number, day: string) =>
    api<DayMenu>(`/api/staff/elderly/places/${placeId}/menus`, { query: { day } }),
  saveMenu: (placeId: number, day: string, meals: MenuInput[]) =>
    api<DayMenu>(`/api/staff/elderly/places/${placeId}/menus/${day}`, { method: 'PUT', body: { meals } }),
  orders: (placeId: number, day: string) =>
    api<DayOrders>(`/api/staff/elderly/places/${placeId}/meal-orders`, { query: { day } }),
  pickup: (placeId: number, body: { code: string; day: string; slot: MealSlot }) =>
    api<MealPickupView>(`/api/staff/elderly/places/${placeId}/meal-pickups`, { method: 'POST', body }),
  saveSlots: (placeId: number, day: string, periods: { period: 'am' | 'pm'; capacity: number }[]) =>
    api<{ items: AssessmentSlotView[] }>(`/api/staff/elderly/places/${placeId}/assessment-slots/${day}`, {
      method: 'PUT',
      body: { periods },
    }),
};

export interface MealRule {
  prefix: string;
  regionName: string;
  minAge: number;
  perMealCents: number;
  assessedPerMealCents: number;
}

/** The regions' 助餐补贴 rules within the account's divisions (server: meals.ts listRules/setRule). */
export const mealRulesApi = {
  list: () => api<{ items: MealRule[] }>('/api/staff/elderly/meal-rules'),
  save: (prefix: string, body: { minAge: number; perMealCents: number; assessedPerMealCents: number }) =>
    api<MealRule>(`/api/staff/elderly/meal-rules/${prefix}`, { method: 'PUT', body }),
};

/** 亲属绑定 at a hall's window for an elder without a phone (server: family.ts). */
export const hallLinksApi = {
  pending: (idNumber: string) =>
    api<{ items: HallFamilyLinkView[] }>('/api/staff/elderly/family-links', { query: { idNumber } }),
  confirm: (id: number, body: { idNumber: string; name: string }) =>
    api<HallFamilyLinkView & { confirmedBy: string }>(`/api/staff/elderly/family-links/${id}/confirm`, {
      method: 'POST',
      body,
    }),
};
