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
} as const;
export const ELDERLY_CASE_TYPE_NAMES: Record<keyof typeof ELDERLY_CASE_TYPES, string> = {
  ageAllowance: '高龄津贴',
  serviceSubsidy: '养老服务补贴',
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
