import type { ChecklistStepKey, DeathPlace } from '@minzheng/contracts';
import { addDays } from '../../platform/clock';
import { addWorkingDays, calendarPeriodEnd } from '../halls';

export interface StepDef {
  key: ChecklistStepKey;
  office: (place: DeathPlace) => string;
  materials: string[];
  note: string;
  /** The last day counted from the date of death, with its rule; none: no deadline. */
  due?: { of: (deathDate: string) => string; basis: string };
}

/** Working days after the death; a period past the published holiday calendar counts weekends only. */
const workingDaysAfter = (date: string, days: number) => addWorkingDays(date, days).date;

/**
 * 身后一件事, in the order a family meets them (services.md §5). Offices and materials as the
 * family reads them; the deadlines as their rules state them.
 */
export const STEPS: StepDef[] = [
  {
    key: 'death_cert',
    office: (place) =>
      place === 'hospital'
        ? '死亡所在医院'
        : place === 'home'
          ? '居（村）民委员会或社区卫生服务中心，或所在地派出所'
          : '公安机关（法医鉴定后出具）',
    materials: ['逝者身份证或户口簿', '申报人（家属）身份证'],
    note: '《居民死亡医学证明（推断）书》是办理户口注销、火化和后续申领的必备材料，请多复印几份。',
  },
  {
    key: 'hukou',
    office: () => '逝者户籍所在地派出所',
    materials: ['死亡证明', '逝者户口簿', '逝者身份证', '申报人身份证'],
    note: '注销户口后领取户口注销证明，申领丧葬补助、抚恤金和办理继承时需要。',
    due: {
      of: (d) => calendarPeriodEnd(d, 30).date,
      basis: '《户口登记条例》：公民死亡，城市在葬前、农村在一个月以内申报注销',
    },
  },
  {
    key: 'cremation',
    office: () => '殡仪馆（可在「殡葬服务」查看各馆服务与公示收费）',
    materials: ['死亡证明', '经办家属身份证'],
    note: '预约遗体接运、告别与火化时间。殡仪馆只能按公示目录收费，目录外收费可拒付并拨打12358投诉。',
  },
  {
    key: 'waivers',
    office: () => '殡仪馆（结算时直接减免，殡仪馆与财政部门结算）',
    materials: ['逝者户口簿或户口注销证明', '低保、特困、优抚对象证明（如有）'],
    note: '本地户籍火化的基本殡葬服务费按规定减免，低保、特困、重点优抚对象另有减免；减免在账单中直接扣除，「您应付」为减免后金额。',
  },
  {
    key: 'subsidy',
    office: () => '县级民政部门（丧葬补助）；逝者所在单位或社保经办机构（丧葬费、抚恤金）',
    materials: ['死亡证明', '户口注销证明', '火化证明', '申请人身份证及与逝者关系证明', '申请人银行账户'],
    note: '符合条件的家庭可在线申请丧葬补助，县级民政部门审核；机关事业单位和企业职工的丧葬费、一次性抚恤金向所在单位或社保经办机构申领。',
    due: { of: (d) => workingDaysAfter(d, 60), basis: '逝者去世后约3个月（60个工作日）内申领' },
  },
  {
    key: 'ashes',
    office: () => '骨灰寄存所在殡仪馆或公墓',
    materials: ['骨灰寄存证', '经办家属身份证'],
    note: '骨灰寄存按年收费，到期前请续费或办理安葬、生态葬，逾期可能被按规定处理。',
    due: { of: (d) => addDays(d, 365), basis: '骨灰寄存期一年，到期前续费' },
  },
];

export const stepDef = (key: ChecklistStepKey) => STEPS.find((s) => s.key === key)!;
