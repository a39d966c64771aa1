/** 区划地名: divisions with their history, standard place names, 地名备案公告. */

/** The five levels of divisions: GB/T 2260 (6 digits) to 省/市/县, NBS 统计用代码 (9, 12) below. */
export const DIVISION_LEVEL_LABELS = {
  1: '省级',
  2: '地级',
  3: '县级',
  4: '乡级（乡镇/街道）',
  5: '村级（村/社区）',
} as const;
export type DivisionLevel = keyof typeof DIVISION_LEVEL_LABELS;

export const DIVISION_STATUS_LABELS = {
  current: '现行',
  abolished: '已撤销',
} as const;
export type DivisionStatus = keyof typeof DIVISION_STATUS_LABELS;

/**
 * The prefix the records of a division and everything under it share: 110000 → 11,
 * 110100 → 1101, 110101 → 110101, 110101001000 → 110101001. A search "in 北京市" ranges over
 * codes starting with 11; the division's own code would find nothing below it.
 */
export function divisionPrefix(code: string): string {
  let c = code;
  if (c.length === 12 && c.endsWith('000')) c = c.slice(0, 9);
  if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6);
  if (c.length === 6 && c.endsWith('0000')) return c.slice(0, 2);
  if (c.length === 6 && c.endsWith('00')) return c.slice(0, 4);
  return c;
}

export interface DivisionRef {
  code: string;
  name: string;
  level: DivisionLevel;
}

/** GET /api/divisions/:code — one division, current or abolished. */
export interface DivisionView extends DivisionRef {
  /** 北京市东城区 (for an abolished one, its name when it was abolished). */
  fullName: string;
  levelLabel: string;
  /** From the province down to its parent. */
  parentPath: DivisionRef[];
  status: DivisionStatus;
  statusLabel: string;
  /** The first day it is no longer in force (abolished only), Beijing date. */
  abolishedOn: string | null;
  /** What replaced it (abolished only), each with its full name today. */
  successors: (DivisionRef & { fullName: string })[];
  /** What happened (abolished only): 撤销东城区、崇文区，设立新的北京市东城区. */
  change: string | null;
}

/**
 * Place-name categories: the top-level classes of GB/T 18521 as the 第二次全国地名普查 used
 * them (自然地理实体 4, 人文地理实体 8).
 */
export const PLACE_NAME_CATEGORY_LABELS = {
  hydrography: '陆地水系',
  landform: '陆地地形',
  sea_area: '海域',
  island: '海岛',
  admin_area: '行政区域',
  non_admin_area: '非行政区域',
  settlement: '居民点',
  transport: '交通运输设施',
  water_power: '水利电力通信设施',
  memorial: '纪念地旅游景点',
  building: '建筑物',
  unit: '单位',
} as const;
export type PlaceNameCategory = keyof typeof PLACE_NAME_CATEGORY_LABELS;
export const PLACE_NAME_CATEGORIES = Object.keys(PLACE_NAME_CATEGORY_LABELS) as PlaceNameCategory[];

/** What a 地名备案公告 announces (《地名备案公告管理办法（试行）》2023). */
export const PLACE_NAME_ACTION_LABELS = {
  name: '命名',
  rename: '更名',
  cancel: '销名',
} as const;
export type PlaceNameAction = keyof typeof PLACE_NAME_ACTION_LABELS;
export const PLACE_NAME_ACTIONS = Object.keys(PLACE_NAME_ACTION_LABELS) as PlaceNameAction[];

/**
 * One standard name in the public search's list (GET /api/place-names, the open API's list): what
 * the list shows. Its location, 含义, 历史沿革 and approval are on its own page
 * (GET /api/place-names/:id), so a search reads them from no row.
 */
export interface PlaceNameListItem {
  id: number;
  name: string;
  /** 罗马字母拼写 (Hanyu Pinyin, GB/T 16159): Tiān'ānmén → Tian'anmen Guangchang. */
  pinyin: string;
  category: PlaceNameCategory;
  categoryLabel: string;
  divisionCode: string;
  divisionName: string;
}

/** One standard place name, as its own page and the staff register show it: its list item and the rest. */
export interface PlaceNameView extends PlaceNameListItem {
  location: string;
  lng: number | null;
  lat: number | null;
  meaning: string;
  history: string;
  approvalBody: string;
  approvalDate: string;
  status: 'current' | 'cancelled';
  /** Its former name, when renamed. */
  formerName: string | null;
}

/** 地名文化: an article on a standard name's origin and history. */
export interface PlaceNameCultureView {
  id: number;
  placeNameId: number;
  placeName?: string;
  title: string;
  body: string;
  source: string | null;
  publishedAt: string;
}

/** One name's page: the name, its announcements (summaries) and its 地名文化 articles. */
export interface PlaceNamePage extends PlaceNameView {
  culture: PlaceNameCultureView[];
  announcements: { id: number; action: string; name: string; approvalBody: string; approvalDate: string }[];
}

export interface PlaceNameAnnouncementView {
  id: number;
  action: PlaceNameAction;
  actionLabel: string;
  placeNameId: number;
  name: string;
  pinyin: string;
  formerName: string | null;
  category: PlaceNameCategory;
  categoryLabel: string;
  divisionCode: string;
  divisionName: string;
  location: string;
  approvalBody: string;
  approvalDate: string;
  publishedAt: string;
}
