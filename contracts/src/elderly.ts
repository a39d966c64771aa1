/**
 * 养老服务: the kinds of places in the directory, the capability levels (GB/T 42195-2022: 能力完好 …
 * 完全失能) a place accepts, the case types of the subsidies, and the views the server answers
 * with — one copy for the server, the mini-program and the console.
 */
export type ElderlyPlaceKind = 'institution' | 'station' | 'meal_point';
export const ELDERLY_PLACE_KINDS: readonly ElderlyPlaceKind[] = ['institution', 'station', 'meal_point'];
export const ELDERLY_PLACE_KIND_NAMES: Record<ElderlyPlaceKind, string> = {
  institution: '养老机构',
  station: '社区养老服务站',
  meal_point: '助餐点',
};

/** 老年人能力等级 (GB/T 42195-2022), from the most able to the least. */
export type CareLevel = 'intact' | 'mild' | 'moderate' | 'severe' | 'total';
export const CARE_LEVELS: readonly CareLevel[] = ['intact', 'mild', 'moderate', 'severe', 'total'];
export const CARE_LEVEL_NAMES: Record<CareLevel, string> = {
  intact: '能力完好',
  mild: '轻度失能',
  moderate: '中度失能',
  severe: '重度失能',
  total: '完全失能',
};

/** The case engine's type keys of the elderly-care subsidies. */
export const ELDERLY_CASE_TYPES = {
  /** 高龄津贴: offered from the bound ID's age (免申即享), confirmed with one tap. */
  ageAllowance: 'elderly.age-allowance',
  /** 养老服务补贴: an application for a capability level. */
  serviceSubsidy: 'elderly.service-subsidy',
  /** 能力评估 (GB/T 42195) booked at an assessment organization; staff confirm and record the level. */
  assessment: 'elderly.assessment',
} as const;
export const ELDERLY_CASE_TYPE_NAMES: Record<keyof typeof ELDERLY_CASE_TYPES, string> = {
  ageAllowance: '高龄津贴',
  serviceSubsidy: '养老服务补贴',
  assessment: '老年人能力评估',
};

export interface ElderlyFeeView {
  id: number;
  item: string;
  unit: string;
  priceCents: number;
  note: string;
}

/** One place of the directory as a citizen reads it (search results and the place page). */
export interface ElderlyPlaceView {
  id: number;
  kind: ElderlyPlaceKind;
  kindName: string;
  name: string;
  divisionCode: string;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  hours: string;
  beds: number;
  vacancies: number;
  careLevels: CareLevel[];
  careLevelNames: string[];
  /** The lowest monthly price (元/月 in cents) of its fee list; 0 when it charges nothing. */
  priceFromCents: number;
  /** 1–5 (民政部 等级评定), 0 when not rated. */
  stars: number;
  intro: string;
  /** Metres from the point searched from, when one was given. */
  distanceM?: number;
  updatedAt: string;
}

export interface ElderlyPlaceDetail extends ElderlyPlaceView {
  fees: ElderlyFeeView[];
}

/** Search query of the directory (all optional; strings as in a query string). */
export interface ElderlySearchQuery {
  division?: string;
  kind?: ElderlyPlaceKind;
  lat?: number | string;
  lng?: number | string;
  /** Radius in kilometres around lat/lng (default 10). */
  radiusKm?: number | string;
  maxPriceCents?: number | string;
  hasVacancy?: boolean | string;
  careLevel?: CareLevel;
  page?: number | string;
  pageSize?: number | string;
}

/** 高龄津贴 as offered to one citizen (免申即享). */
export interface AgeAllowanceOffer {
  /** eligible: may confirm now; claimed: already confirmed (see caseNumber); underage; no_identity. */
  status: 'eligible' | 'claimed' | 'underage' | 'no_identity';
  age: number | null;
  /** The threshold where the citizen's 户籍 is. */
  minAge: number;
  monthlyCents: number | null;
  regionName: string;
  caseNumber: string | null;
  message: string;
}

/** 助餐: the meals a station serves a day. */
export type MealSlot = 'breakfast' | 'lunch' | 'dinner';
export const MEAL_SLOTS: readonly MealSlot[] = ['breakfast', 'lunch', 'dinner'];
export const MEAL_SLOT_NAMES: Record<MealSlot, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' };

export type MealOrderStatus = 'ordered' | 'cancelled';
export const MEAL_ORDER_STATUS_NAMES: Record<MealOrderStatus, string> = { ordered: '已预订', cancelled: '已取消' };

/** Whom a citizen links as family (the elder confirms in their own app). */
export type FamilyRelation = 'parent' | 'spouse' | 'grandparent' | 'other';
export const FAMILY_RELATIONS: readonly FamilyRelation[] = ['parent', 'spouse', 'grandparent', 'other'];
export const FAMILY_RELATION_NAMES: Record<FamilyRelation, string> = {
  parent: '父母',
  spouse: '配偶',
  grandparent: '祖父母/外祖父母',
  other: '其他亲属',
};
export type FamilyLinkStatus = 'pending' | 'confirmed';
export const FAMILY_LINK_STATUS_NAMES: Record<FamilyLinkStatus, string> = {
  pending: '待长辈确认',
  confirmed: '已绑定',
};

/** Half-day periods an assessment organization opens for 能力评估. */
export type AssessmentPeriod = 'am' | 'pm';
export const ASSESSMENT_PERIODS: readonly AssessmentPeriod[] = ['am', 'pm'];
export const ASSESSMENT_PERIOD_NAMES: Record<AssessmentPeriod, string> = { am: '上午', pm: '下午' };

/** A family link as the citizen who made it, or the elder asked to confirm it, reads it. */
export interface FamilyLinkView {
  id: number;
  relation: FamilyRelation;
  relationName: string;
  status: FamilyLinkStatus;
  statusName: string;
  /** The elder's name, masked (张*兰). */
  elderName: string;
  /** The citizen who asked, masked (on the elder's side). */
  requesterName: string;
  createdAt: string;
  /** Who confirmed: the elder in their own app, or staff at a hall's window (an elder without a phone). */
  confirmedBy: 'elder' | 'hall' | null;
}

/** A pending link as staff at a hall's window see it, after typing the elder's ID number. */
export interface HallFamilyLinkView {
  id: number;
  relationName: string;
  elderName: string;
  requesterName: string;
  createdAt: string;
}

/** What the station's staff see once a pickup code is accepted. */
export interface MealPickupView {
  orderId: number;
  day: string;
  slotName: string;
  dishes: string;
  dinerName: string;
  payCents: number;
  pickedUpAt: string;
}

/** One meal of a station's menu as a citizen reads it. */
export interface MealMenuView {
  id: number;
  placeId: number;
  day: string;
  slot: MealSlot;
  slotName: string;
  dishes: string;
  priceCents: number;
  portions: number;
  remaining: number;
  /** Beijing time the ordering closes, ISO. */
  cutoffAt: string;
  /** Still open for orders and cancellations now. */
  open: boolean;
}

/** What one diner pays for one meal: the server applies the region's 助餐补贴 (您应付). */
export interface MealQuote {
  menuId: number;
  dinerName: string;
  priceCents: number;
  subsidyCents: number;
  payCents: number;
  /** Why this subsidy (or none), in Chinese. */
  subsidyNote: string;
}

export interface MealOrderView {
  id: number;
  placeId: number;
  placeName: string;
  menuId: number;
  day: string;
  slot: MealSlot;
  slotName: string;
  dishes: string;
  dinerName: string;
  /** Ordered by a family member for the diner. */
  forFamily: boolean;
  priceCents: number;
  subsidyCents: number;
  payCents: number;
  status: MealOrderStatus;
  statusName: string;
  cutoffAt: string;
  cancellable: boolean;
  /**
   * The pickup code of this one meal (order, day and slot under a keyed hash), shown as a QR;
   * only in the citizen's own list, while the order stands and is not yet picked up.
   */
  pickupCode: string | null;
  /** The pickup code as a QR image (data: URL), same condition. */
  pickupQr: string | null;
  /** When the station accepted the code (one use). */
  pickedUpAt: string | null;
}

export interface AssessmentSlotView {
  id: number;
  placeId: number;
  day: string;
  period: AssessmentPeriod;
  periodName: string;
  capacity: number;
  remaining: number;
}

export interface AssessmentView {
  number: string;
  placeName: string;
  day: string;
  periodName: string;
  /** The booking's code in 我的预约 (bookings module); null for one booked before. */
  bookingCode: string | null;
  subjectName: string;
  stage: string;
  stageName: string;
  status: string;
  /** The level staff recorded, once assessed. */
  level: CareLevel | null;
  levelName: string | null;
}
