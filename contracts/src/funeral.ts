/**
 * 殡葬服务: the kinds of places, the classes of a published fee item (2026 条例: basic services at
 * the government price, extras at the guidance price, nothing outside the list), units, and the
 * 惠民殡葬 waivers, each with the Chinese label citizens and staff read.
 */
export const FUNERAL_PLACE_KINDS = { funeral_home: '殡仪馆', cemetery: '公墓' } as const;
export type FuneralPlaceKind = keyof typeof FUNERAL_PLACE_KINDS;

export const FEE_CLASSES = {
  basic: '基本服务（政府定价）',
  optional: '选择性服务（政府指导价）',
} as const;
export type FeeClass = keyof typeof FEE_CLASSES;

export const FEE_UNITS = {
  time: '次',
  km: '公里',
  day: '天',
  year: '年',
  piece: '个',
  body: '具',
  hour: '小时',
} as const;
export type FeeUnit = keyof typeof FEE_UNITS;

/** 惠民殡葬 waivers: who qualifies is recorded for the deceased; each fee item says which apply. */
export const HUIMIN_WAIVERS = {
  local: '本地户籍火化基本殡葬服务费减免',
  dibao: '低保对象殡葬费用减免',
  tekun: '特困人员殡葬费用全免',
  youfu: '重点优抚对象殡葬费用减免',
} as const;
export type HuiminWaiver = keyof typeof HUIMIN_WAIVERS;

/** The national price complaint line shown on every fee list and bill. */
export const PRICE_COMPLAINT_LINE = '12358';

export interface FeeItemView {
  code: string;
  name: string;
  feeClass: FeeClass;
  feeClassName: string;
  unit: FeeUnit;
  unitName: string;
  priceCents: number;
  legalBasis: string;
  waivers: { kind: HuiminWaiver; name: string; maxQuantity: number | null }[];
}

export interface FuneralPlaceView {
  id: number;
  kind: FuneralPlaceKind;
  kindName: string;
  name: string;
  divisionCode: string;
  address: string;
  phone: string;
  hours: string;
  services: string[];
  priceComplaintLine: string;
  /** 惠民减免 cap per deceased, in cents, per waiver kind (e.g. local: 154000). */
  waiverCaps: Partial<Record<HuiminWaiver, number>>;
}

export interface FuneralBillLineView {
  /** 1, 2, … in the order recorded */
  lineNo: number;
  itemCode: string;
  name: string;
  feeClass: FeeClass;
  feeClassName: string;
  unitName: string;
  unitPriceCents: number;
  quantity: number;
  amountCents: number;
  waivedCents: number;
  payableCents: number;
}

export interface FuneralBillView {
  billNo: string;
  place: { id: number; name: string; phone: string; priceComplaintLine: string };
  deceasedName: string;
  waivers: { kind: HuiminWaiver; name: string }[];
  lines: FuneralBillLineView[];
  totalCents: number;
  waivedCents: number;
  /** 「您应付」 */
  payableCents: number;
  issuedOn: string;
  /** Mini-program page of this bill, where a family reports a problem. */
  reportLink: string;
}

/** ¥1,234.50 → "1234.50" */
export const yuan = (cents: number) => (cents / 100).toFixed(2);

/** 身后一件事: where the death happened decides who issues the 死亡证明. */
export const DEATH_PLACES = {
  hospital: '医院',
  home: '家中（正常死亡）',
  unnatural: '意外或非正常死亡',
} as const;
export type DeathPlace = keyof typeof DEATH_PLACES;

/** The steps of 身后一件事, in order. */
export const CHECKLIST_STEPS = {
  death_cert: '开具死亡证明',
  hukou: '户口注销',
  cremation: '遗体接运与火化预约',
  waivers: '惠民殡葬减免',
  subsidy: '丧葬补助、抚恤金申领',
  ashes: '骨灰寄存续费',
} as const;
export type ChecklistStepKey = keyof typeof CHECKLIST_STEPS;

export const STEP_STATES = {
  todo: '待办理',
  applied: '已申请',
  done: '已办结',
  skipped: '无需办理',
} as const;
export type StepState = keyof typeof STEP_STATES;

export interface ChecklistStepView {
  key: ChecklistStepKey;
  name: string;
  office: string;
  materials: string[];
  note: string;
  state: StepState;
  stateName: string;
  /** The last day (Beijing date), or null when no deadline applies. */
  dueOn: string | null;
  dueBasis: string | null;
  doneOn: string | null;
  /** The 丧葬补助 application on the case engine, once made. */
  caseNumber: string | null;
  /** Where that application stands: 县级民政部门审核, 已批准 … */
  caseStage: string | null;
}

export interface ChecklistView {
  id: number;
  deceasedName: string;
  deathDate: string;
  deathPlace: DeathPlace;
  deathPlaceName: string;
  divisionCode: string;
  steps: ChecklistStepView[];
}
