import { z } from 'zod';
import { ASSISTANCE_REPORT_CATEGORY_KEYS, DISABILITY, HEALTH, RELATIONS } from '@minzheng/contracts';
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from '../identity';

const cents = (what: string) =>
  z
    .number({ error: `请填写${what}` })
    .int(`${what}须为整数（分）`)
    .min(0, `${what}不能为负数`)
    .max(1_000_000_000, `${what}过大，请核对`);

const idNumber = z
  .string({ error: '请填写身份证号' })
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const problem = checkIdNumber(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
  });

const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号');

export const member = z.object({
  name: personName,
  idNumber,
  relation: z.enum(RELATIONS, { error: '请选择与申请人的关系' }),
  monthlyIncomeCents: cents('月收入'),
  health: z.enum(HEALTH, { error: '请选择健康状况' }),
  disability: z.enum(DISABILITY, { error: '请选择残疾情况' }),
});

export const assets = z.object({
  vehicles: z.number({ error: '请填写机动车数量' }).int().min(0).max(20),
  houses: z.number({ error: '请填写住房套数' }).int().min(0).max(20),
  depositsCents: cents('存款及有价证券'),
});

const materialId = z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '材料标识无效');

export const applicationBody = z
  .object({
    kind: z.enum(['dibao', 'tekun', 'temporary', 'emergency'], { error: '请选择救助类型' }),
    divisionCode: z.string({ error: '请选择所在村（社区）' }).regex(/^\d{12}$/, '请选择所在村（社区）'),
    address: z.string({ error: '请填写居住地址' }).trim().min(5, '请填写详细居住地址').max(200, '地址过长'),
    reason: z.string({ error: '请填写申请理由' }).trim().min(10, '请写明申请理由（至少10字）').max(1000),
    members: z.array(member).min(1, '请填写家庭成员').max(15, '家庭成员最多15人'),
    assets,
    consent: z.object(
      {
        agreed: z.literal(true, { error: '请阅读并签署家庭经济状况核对授权书' }),
        signedName: personName,
      },
      { error: '请阅读并签署家庭经济状况核对授权书' },
    ),
    materialIds: z.array(materialId).max(20, '最多上传20份材料').default([]),
    emergencyCause: z.string().trim().min(4, '请说明急难情形').max(200).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.members[0]?.relation !== '本人')
      ctx.addIssue({ code: 'custom', path: ['members', 0, 'relation'], message: '第一位家庭成员应为申请人本人' });
    const seen = new Set<string>();
    body.members.forEach((m, i) => {
      if (seen.has(m.idNumber))
        ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: '家庭成员的身份证号重复' });
      seen.add(m.idNumber);
    });
    if (body.kind === 'emergency' && !body.emergencyCause)
      ctx.addIssue({ code: 'custom', path: ['emergencyCause'], message: '请说明急难情形' });
  });
export type ApplicationBody = z.infer<typeof applicationBody>;

export const numberParam = z.object({
  number: z.string().regex(/^[A-Z]{2,3}-\d{8}-[0-9A-Z]{6}$/, '申请编号格式不正确'),
});
export const withdrawBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
export const supplementBody = z
  .object({
    materialIds: z.array(materialId).min(1, '请上传补充的材料').max(20),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const publicityQuery = z.object({
  community: z.string({ error: '请选择村（社区）' }).regex(/^\d{9}(\d{3})?$/, '请选择村（社区）'),
});
export const staffPublicityQuery = z.object({
  show: z.enum(['all', 'running', 'ended'], { error: '请选择全部、公示中或已结束' }).default('all'),
  page: z.coerce
    .number({ error: '页码应为正整数' })
    .int('页码应为正整数')
    .min(1, '页码应为正整数')
    .max(10_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为1–100' })
    .int()
    .min(1, '每页条数应为1–100')
    .max(100, '每页条数应为1–100')
    .default(20),
});
export const objectionBody = z
  .object({
    reason: z.string({ error: '请填写异议理由' }).trim().min(10, '请写明异议的事实和理由（至少10字）').max(1000),
  })
  .strict();
export const materialLabelQuery = z.object({
  label: z.string().trim().min(1).max(40).default('申请材料'),
});
export const caseIdParam = z.object({ id: z.coerce.number().int().positive('案件编号无效') });
export const materialParam = caseIdParam.extend({ token: materialId });
export const surveyPhotoParam = caseIdParam.extend({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '照片标识无效'),
});

export const selfCheckBody = z
  .object({
    kind: z.enum(['dibao', 'tekun'], { error: '请选择救助类型' }),
    divisionCode: z.string().regex(/^\d{6,12}$/, '请选择所在地区'),
    members: z
      .array(
        z.object({
          age: z.number({ error: '请填写年龄' }).int().min(0).max(130),
          monthlyIncomeCents: cents('月收入'),
          disability: z.enum(DISABILITY, { error: '请选择残疾情况' }),
        }),
      )
      .min(1, '请填写家庭成员')
      .max(15),
    assets,
  })
  .strict();
export type SelfCheckBody = z.infer<typeof selfCheckBody>;

export const standardBody = z
  .object({
    monthlyCents: z.number({ error: '请填写保障标准' }).int().positive('保障标准须大于0').max(10_000_000),
    depositMonths: z.number({ error: '请填写存款限额倍数' }).int().min(1).max(120),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写执行日期'),
  })
  .strict();
export const standardParam = z.object({
  prefix: z.string().regex(/^\d{4}(\d{2})?$/, '地区代码应为4位（市）或6位（县）'),
});

export const kinBody = z
  .object({
    name: personName,
    idNumber,
    relation: z.enum(['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女', '其他近亲属'], {
      error: '请选择亲属关系',
    }),
  })
  .strict();

export const reportBody = z
  .object({
    category: z
      .enum(ASSISTANCE_REPORT_CATEGORY_KEYS as [string, ...string[]], { error: '请选择举报类别' })
      .default('other'),
    caseNumber: z
      .string()
      .trim()
      .regex(/^[A-Z]{2,3}-\d{8}-[0-9A-Z]{6}$/, '申请或公示编号格式不正确，如 DB-20260302-8K2M4Q')
      .optional(),
    divisionCode: z
      .string()
      .regex(/^\d{9}(\d{3})?$/, '请选择所在村（社区）')
      .optional(),
    subject: z.string({ error: '请填写被举报的对象' }).trim().min(2, '请填写被举报的对象').max(100),
    content: z
      .string({ error: '请填写举报内容' })
      .trim()
      .min(15, '请写明举报的事实（至少15字）：何人、何时、何种不实或违规情形')
      .max(2000),
    materialIds: z.array(materialId).max(9, '最多上传9份证据').default([]),
  })
  .strict()
  .refine((b) => b.caseNumber || b.divisionCode, {
    message: '请填写申请或公示编号，或选择所在村（社区）',
    path: ['caseNumber'],
  });
export type ReportBody = z.infer<typeof reportBody>;

export const reportHandleBody = z
  .object({
    status: z.enum(['handling', 'closed'], { error: '请选择处理状态' }),
    result: z.string().trim().min(5, '请填写核查处理结果（至少5字）').max(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'closed' || b.result, { message: '办结时请填写核查处理结果', path: ['result'] });
export type ReportHandleBody = z.infer<typeof reportHandleBody>;

export const reportQuery = z.object({ status: z.enum(['submitted', 'handling', 'closed']).optional() });
export const reportIdParam = z.object({ id: z.coerce.number().int().positive('举报编号无效') });
export const reportEvidenceParam = reportIdParam.extend({ token: materialId });

const month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03');
export const paymentQuery = z.object({
  month: month.optional(),
  status: z.enum(['pending', 'paid', 'failed'], { error: '发放状态无效' }).optional(),
  kind: z.enum(['dibao', 'tekun'], { error: '救助类型无效' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const paymentExportQuery = z.object({
  month,
  status: z.enum(['pending', 'paid', 'failed'], { error: '发放状态无效' }).optional(),
  format: z.enum(['xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' }).default('xlsx'),
});
export const paymentSettleBody = z
  .object({
    ids: z
      .array(z.number().int().positive(), { error: '请选择发放记录' })
      .min(1, '请选择发放记录')
      .max(500, '一次最多登记500条'),
    result: z.enum(['paid', 'failed'], { error: '请选择发放结果' }),
    reason: z.string().trim().min(2, '请填写发放失败的原因').max(200).optional(),
  })
  .strict()
  .refine((b) => b.result !== 'failed' || b.reason, { message: '发放失败时请填写原因', path: ['reason'] });
export const paymentStatisticsQuery = z.object({ from: month.optional(), to: month.optional() });
