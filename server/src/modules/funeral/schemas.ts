import { z } from 'zod';
import { CHECKLIST_STEPS, DEATH_PLACES, FUNERAL_PLACE_KINDS, HUIMIN_WAIVERS } from '@minzheng/contracts';
import { checkIdNumber, ID_NUMBER_MESSAGES } from '../identity';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const placesQuery = z.object({
  kind: z.enum(keys(FUNERAL_PLACE_KINDS), { error: '类型应为殡仪馆或公墓' }).optional(),
  division: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字')
    .optional(),
});
export const staffPlacesQuery = z.object({
  kind: z.enum(keys(FUNERAL_PLACE_KINDS), { error: '类型应为殡仪馆或公墓' }).default('funeral_home'),
});
export const placeParam = z.object({ id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效') });
export const billParam = z.object({ billNo: z.string().regex(/^BZ\d{8}[A-Z0-9]{6}$/, '账单号格式不正确') });

const charge = z
  .object({
    itemCode: z.string({ error: '请选择收费项目' }).trim().min(1, '请选择收费项目').max(32, '收费项目编码过长'),
    quantity: z.number({ error: '请填写数量' }).int('数量应为整数').min(1, '数量至少为1').max(999, '数量不能超过999'),
  })
  .strict();

export const chargesBody = z
  .object({
    charges: z.array(charge, { error: '请填写收费项目' }).min(1, '请至少登记一项收费').max(50, '一次最多登记50项'),
  })
  .strict();

export const billBody = z
  .object({
    placeId: z.number({ error: '请选择殡仪馆' }).int().positive(),
    deceasedName: z.string({ error: '请填写逝者姓名' }).trim().min(1, '请填写逝者姓名').max(30, '逝者姓名过长'),
    waivers: z
      .array(z.enum(keys(HUIMIN_WAIVERS), { error: '减免类型无效' }), { error: '减免类型无效' })
      .max(4)
      .default([]),
    charges: z.array(charge, { error: '请填写收费项目' }).max(50, '一次最多登记50项').default([]),
  })
  .strict();

export const claimBody = z
  .object({
    billNo: billParam.shape.billNo,
    code: z
      .string({ error: '请填写查询码' })
      .trim()
      .regex(/^[A-Z0-9]{8}$/i, '查询码为8位字母或数字'),
  })
  .strict();

export const problemBody = z
  .object({
    content: z.string({ error: '请描述遇到的问题' }).trim().min(10, '问题描述至少10个字').max(900, '问题描述最多900字'),
    idempotencyKey: z.string({ error: '缺少提交标识' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交标识无效'),
  })
  .strict();

const date = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '日期无效',
  );

export const checklistBody = z
  .object({
    deceasedName: z.string({ error: '请填写逝者姓名' }).trim().min(1, '请填写逝者姓名').max(30, '逝者姓名过长'),
    deathDate: date,
    deathPlace: z.enum(keys(DEATH_PLACES), { error: '请选择去世地点' }),
    divisionCode: z.string({ error: '请选择逝者户籍所在地区' }).regex(/^\d{6,12}$/, '请选择逝者户籍所在地区'),
  })
  .strict();
export const checklistParam = z.object({ id: placeParam.shape.id });
export const stepParam = z.object({
  id: placeParam.shape.id,
  key: z.enum(keys(CHECKLIST_STEPS), { error: '办理事项无效' }),
});
export const stepBody = z
  .object({ state: z.enum(['todo', 'done', 'skipped'], { error: '状态应为待办理、已办结或无需办理' }) })
  .strict();
export const subsidyBody = z
  .object({
    applicantName: z.string({ error: '请填写申请人姓名' }).trim().min(1, '请填写申请人姓名').max(30, '申请人姓名过长'),
    relation: z.enum(['配偶', '子女', '父母', '兄弟姐妹', '其他近亲属'], { error: '请选择与逝者的关系' }),
  })
  .strict();

const time = z.string({ error: '请填写时间' }).regex(/^([01]\d|2[0-3]):00$/, '时间应为整点，如 07:00');
export const slotsBody = z
  .object({
    date,
    from: time,
    to: time,
    capacity: z.number({ error: '请填写每小时可接待人数' }).int().min(1, '每小时至少接待1人').max(100000),
    greenCapacity: z
      .number({ error: '请填写绿色通道名额' })
      .int('绿色通道名额应为整数')
      .min(0, '绿色通道名额不能为负')
      .max(100000)
      .default(0),
  })
  .strict();
export const slotsQuery = z.object({ date });
export const greenVisitBody = z
  .object({
    slotId: z.number({ error: '请选择祭扫时段' }).int().positive(),
    visitorName: z.string({ error: '请填写祭扫人姓名' }).trim().min(1, '请填写祭扫人姓名').max(30, '祭扫人姓名过长'),
    idNumber: z.string({ error: '请填写祭扫人身份证号' }).superRefine((v, ctx) => {
      const problem = checkIdNumber(v);
      if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
    }),
    reason: z.enum(['elderly', 'disabled'], { error: '请选择绿色通道类别（老年人或残疾人）' }),
    deceasedName: z.string({ error: '请填写逝者姓名' }).trim().min(1, '请填写逝者姓名').max(30, '逝者姓名过长'),
    companions: z
      .number({ error: '请填写随行人数' })
      .int('随行人数应为整数')
      .min(0, '随行人数不能为负')
      .max(4, '每次预约最多携带4名随行人员'),
  })
  .strict();
export const checkInBody = z
  .object({
    code: z.string({ error: '请扫描或输入预约码' }).trim().min(4, '请扫描或输入预约码').max(40, '预约码格式不正确'),
  })
  .strict();
export const visitBody = z
  .object({
    slotId: z.number({ error: '请选择祭扫时段' }).int().positive(),
    deceasedName: z.string({ error: '请填写逝者姓名' }).trim().min(1, '请填写逝者姓名').max(30, '逝者姓名过长'),
    companions: z
      .number({ error: '请填写随行人数' })
      .int('随行人数应为整数')
      .min(0, '随行人数不能为负')
      .max(4, '每次预约最多携带4名随行人员'),
  })
  .strict();

/** 云祭扫. */
export const memorialBody = z
  .object({
    deceasedName: z.string({ error: '请填写逝者姓名' }).trim().min(1, '请填写逝者姓名').max(30, '逝者姓名过长'),
    bornOn: date.optional(),
    diedOn: date,
    biography: z.string().trim().max(1000, '生平简介最多1000字').optional(),
  })
  .strict();
export const memorialParam = z.object({ code: z.string().regex(/^[A-Z2-9]{8}$/, '纪念页编号格式不正确') });
export const memorialMessageBody = z
  .object({
    signature: z.string({ error: '请填写署名' }).trim().min(1, '请填写署名，如「孙女 小红」').max(20, '署名最多20字'),
    content: z.string({ error: '请填写留言' }).trim().min(2, '请填写留言（至少2字）').max(300, '留言最多300字'),
  })
  .strict();
export const memorialMessageParam = memorialParam.extend({
  id: z.coerce.number({ error: '留言编号无效' }).int().positive('留言编号无效'),
});
export const moderateBody = z.object({ action: z.enum(['show', 'hide'], { error: '请选择显示或隐藏' }) }).strict();
