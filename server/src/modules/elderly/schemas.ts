import {
  ASSESSMENT_PERIODS,
  type AssessmentPeriod,
  CARE_LEVELS,
  type CareLevel,
  ELDERLY_PLACE_KINDS,
  type ElderlyPlaceKind,
  FAMILY_RELATIONS,
  type FamilyRelation,
  MEAL_SLOTS,
  type MealSlot,
} from '@minzheng/contracts';
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from '../identity';
import { z } from 'zod';
import { q } from '../../platform/validation';

const careLevel = z.enum(CARE_LEVELS as [CareLevel, ...CareLevel[]], { error: '请选择能力等级' });
const kind = z.enum(ELDERLY_PLACE_KINDS as [ElderlyPlaceKind, ...ElderlyPlaceKind[]], { error: '机构类型无效' });

export const searchQuery = z
  .object({
    division: z
      .string()
      .regex(/^\d{2,12}$/, '地区编码无效')
      .optional(),
    kind: kind.optional(),
    lat: z.coerce.number({ error: '纬度无效' }).min(-90, '纬度无效').max(90, '纬度无效').optional(),
    lng: z.coerce.number({ error: '经度无效' }).min(-180, '经度无效').max(180, '经度无效').optional(),
    radiusKm: z.coerce.number({ error: '距离无效' }).positive('距离须大于0').max(100, '距离最大100公里').optional(),
    maxPriceCents: z.coerce.number({ error: '价格无效' }).int('价格须为整数（分）').min(0, '价格不能为负').optional(),
    hasVacancy: z
      .enum(['true', 'false', '1', '0'], { error: '是否有空床只能填 true 或 false' })
      .transform((v) => v === 'true' || v === '1')
      .optional(),
    careLevel: careLevel.optional(),
    page: q.page,
    pageSize: q.pageSize,
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), {
    message: '经纬度须同时提供',
    path: ['lat'],
  });

export const placeParam = z.object({ id: z.coerce.number().int().positive('机构编号无效') });

const feeItem = z.object({
  item: z.string().trim().min(1, '请填写收费项目').max(60, '收费项目最多60字'),
  unit: z.string().trim().min(1, '请填写计费单位').max(20, '计费单位最多20字'),
  priceCents: z
    .number({ error: '请填写价格（分）' })
    .int('价格须为整数（分）')
    .min(0, '价格不能为负')
    .max(100_000_000, '价格过大，请核对'),
  note: z.string().trim().max(200, '说明最多200字').default(''),
});

/** What an institution's staff keep current: vacancies, beds, levels accepted, hours and the fee list. */
export const placeUpdateBody = z.object({
  version: z.number({ error: '缺少版本号，请刷新后重试' }).int().positive(),
  beds: z.number({ error: '请填写床位总数' }).int('床位数须为整数').min(0, '床位数不能为负').max(100_000),
  vacancies: z.number({ error: '请填写空余床位数' }).int('空余床位数须为整数').min(0, '空余床位数不能为负'),
  careLevels: z.array(careLevel).min(1, '请至少选择一个可接收的能力等级').max(CARE_LEVELS.length),
  hours: z.string().trim().min(1, '请填写服务时间').max(100).optional(),
  fees: z.array(feeItem).min(1, '请至少填写一项收费').max(50, '收费项目最多50项'),
});
export type PlaceUpdateBody = z.infer<typeof placeUpdateBody>;

export const staffPlacesQuery = z.object({ page: q.page, pageSize: q.pageSize });

export const subsidyBody = z.object({
  careLevel: careLevel,
  divisionCode: z.string().regex(/^\d{9,12}$/, '请选择所在乡镇（街道）'),
  reason: z.string().trim().min(5, '请简要说明申请理由（至少5字）').max(500, '申请理由最多500字'),
});
export type SubsidyBody = z.infer<typeof subsidyBody>;

export const allowanceConfirmBody = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{9,12}$/, '请选择居住地乡镇（街道）')
    .optional(),
});

export const ruleParam = z.object({ prefix: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区编码应为2、4或6位') });
export const ruleBody = z.object({
  tiers: z
    .array(
      z.object({
        minAge: z.number({ error: '请填写年龄' }).int().min(60, '年龄不低于60周岁').max(120),
        monthlyCents: z.number({ error: '请填写金额（分）' }).int().min(0).max(10_000_000),
      }),
    )
    .min(1, '请至少填写一档')
    .max(10),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '日期无效',
  );
const optionalLink = z.coerce.number({ error: '亲属绑定编号无效' }).int().positive('亲属绑定编号无效').optional();

export const familyLinkBody = z.object({
  name: z.string().trim().min(2, '请填写长辈的姓名').max(30, '姓名最多30字'),
  idNumber: z
    .string({ error: '请填写长辈的身份证号' })
    .transform((v) => normalizeIdNumber(v))
    .superRefine((v, ctx) => {
      const problem = checkIdNumber(v);
      if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
    }),
  relation: z.enum(FAMILY_RELATIONS as [FamilyRelation, ...FamilyRelation[]], { error: '请选择与长辈的关系' }),
});
/** At a hall's window: the elder's ID card read or typed by staff, and the name on it. */
export const hallLinkQuery = z.object({ idNumber: familyLinkBody.shape.idNumber });
export const hallConfirmBody = z.object({
  idNumber: familyLinkBody.shape.idNumber,
  name: familyLinkBody.shape.name,
});
export const idParam = z.object({ id: z.coerce.number().int().positive('编号无效') });

export const dayParam = z.object({ id: z.coerce.number().int().positive('机构编号无效'), day });
export const dayQuery = z.object({ day });
export const pickupBody = z.object({
  code: z.string({ error: '请扫描或输入取餐码' }).trim().min(1, '请扫描或输入取餐码').max(40, '取餐码无效'),
  day,
  slot: z.enum(MEAL_SLOTS as [MealSlot, ...MealSlot[]], { error: '请选择餐次' }),
});

export const menuBody = z.object({
  meals: z
    .array(
      z.object({
        slot: z.enum(MEAL_SLOTS as [MealSlot, ...MealSlot[]], { error: '请选择餐次' }),
        dishes: z.string().trim().min(1, '请填写菜品').max(300, '菜品最多300字'),
        priceCents: z
          .number({ error: '请填写每份价格（分）' })
          .int('价格须为整数（分）')
          .min(0, '价格不能为负')
          .max(100_000, '价格过大，请核对'),
        portions: z
          .number({ error: '请填写供应份数' })
          .int('份数须为整数')
          .min(1, '供应份数至少1份')
          .max(10_000, '份数过大，请核对'),
        cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '截止时间格式应为 HH:MM'),
      }),
    )
    .max(3, '每天最多三个餐次')
    .refine((meals) => new Set(meals.map((m) => m.slot)).size === meals.length, '同一餐次只能填写一次'),
});
export type MenuBody = z.infer<typeof menuBody>;

export const mealOrderBody = z.object({
  menuId: z.number({ error: '请选择餐次' }).int().positive('请选择餐次'),
  linkId: z.number({ error: '亲属绑定编号无效' }).int().positive('亲属绑定编号无效').optional(),
});
export const quoteQuery = z.object({
  menuId: z.coerce.number({ error: '请选择餐次' }).int().positive('请选择餐次'),
  linkId: optionalLink,
});

export const mealRuleBody = z.object({
  minAge: z.number({ error: '请填写年龄' }).int().min(60, '年龄不低于60周岁').max(120),
  perMealCents: z.number({ error: '请填写每餐补贴（分）' }).int().min(0).max(100_000),
  assessedPerMealCents: z.number().int().min(0).max(100_000).optional(),
});
export type MealRuleBody = z.infer<typeof mealRuleBody>;

export const slotsBody = z.object({
  periods: z
    .array(
      z.object({
        period: z.enum(ASSESSMENT_PERIODS as [AssessmentPeriod, ...AssessmentPeriod[]], { error: '请选择上午或下午' }),
        capacity: z
          .number({ error: '请填写名额' })
          .int('名额须为整数')
          .min(0, '名额不能为负')
          .max(200, '名额过大，请核对'),
      }),
    )
    .min(1, '请至少填写一个时段')
    .max(2),
});
export type SlotsBody = z.infer<typeof slotsBody>;

export const assessmentBody = z.object({
  slotId: z.number({ error: '请选择评估时段' }).int().positive('请选择评估时段'),
  linkId: z.number({ error: '亲属绑定编号无效' }).int().positive('亲属绑定编号无效').optional(),
});
export const caseNumberParam = z.object({
  number: z.string().regex(/^[A-Z]{2,3}-\d{8}-[0-9A-Z]{4,8}$/, '办件编号无效'),
});
