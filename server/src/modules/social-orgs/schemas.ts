import { z } from 'zod';
import { patchOf, q } from '../../platform/validation';
import { COMPLAINT_CATEGORIES, LIST_REASONS } from './views';

const keys = <T extends object>(o: T) => Object.keys(o) as [string, ...string[]];

export const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((v) => {
      const parsed = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === v;
    }, `${label}不是有效日期`);

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`)
    .max(max, `${label}不能超过${max}个字`);
const divisionCode = z.string({ error: '请填写区划代码' }).regex(/^\d{6}$/, '区划代码应为6位数字');
const divisionPrefix = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '区划应为2、4或6位数字');

export const orgType = z.enum(['social_group', 'social_service', 'foundation'], { error: '组织类型无效' });
export const orgStatus = z.enum(['active', 'revoked', 'deregistered'], { error: '登记状态无效' });
export const creditStatus = z.enum(['normal', 'abnormal', 'serious'], { error: '信用状态无效' });

export const searchQuery = z.object({
  q: z.string().trim().max(60, '搜索内容不能超过60个字').optional(),
  type: orgType.optional(),
  status: orgStatus.optional(),
  credit: creditStatus.optional(),
  division: divisionPrefix.optional(),
  page: q.page,
  pageSize: q.pageSize,
});

export const profileQuery = z.object({ asOf: isoDate('查询日期').optional() });

const orgFields = {
  name: text('组织名称', 2, 100),
  type: orgType,
  authority: text('登记管理机关', 2, 100),
  authorityLevel: z.enum(['national', 'provincial', 'city', 'county'], { error: '登记管理机关级别无效' }),
  divisionCode,
  supervisor: text('业务主管单位', 2, 100).nullable().optional(),
  legalRepresentative: text('法定代表人', 2, 50),
  registeredAt: isoDate('成立登记日期'),
  registeredCapital: z
    .number({ error: '注册资金应为数字（元）' })
    .int('注册资金应为整数（元）')
    .min(0)
    .max(1e13)
    .nullable()
    .optional(),
  address: text('住所', 2, 255),
  businessScope: text('业务范围', 1, 2000).nullable().optional(),
  certificate: z
    .object({ validFrom: isoDate('证书有效期起'), validTo: isoDate('证书有效期止') })
    .nullable()
    .optional(),
  status: orgStatus.default('active'),
};
export const newOrgBody = z.object({ uscc: z.string({ error: '请填写统一社会信用代码' }), ...orgFields });
export const orgPatchBody = patchOf(z.object(orgFields)).refine((v) => Object.keys(v).length > 0, '没有需要修改的内容');

export const creditEntryBody = z
  .object({
    list: z.enum(['abnormal', 'serious'], { error: '名单类型应为 abnormal 或 serious' }),
    reasonCategory: z.string({ error: '请选择列入事由' }),
    reason: text('列入事由说明', 1, 500).optional(),
    decisionNo: text('决定书文号', 2, 100),
    authority: text('作出决定机关', 2, 100),
    dateIn: isoDate('列入日期'),
    correctionRequired: z.boolean({ error: '是否需要整改应为 true 或 false' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!(v.reasonCategory in LIST_REASONS[v.list]))
      ctx.addIssue({ code: 'custom', path: ['reasonCategory'], message: '列入事由不属于该名单' });
  });
export const removalBody = z.object({
  dateOut: isoDate('移出日期'),
  reasonOut: text('移出原因', 2, 200),
  decisionNo: text('移出决定书文号', 2, 100).optional(),
});
export const inspectionBody = z.object({
  year: z.number({ error: '请填写年度' }).int().min(1990, '年度无效').max(2100, '年度无效'),
  kind: z.enum(['annual_inspection', 'annual_report'], { error: '类型应为年检或年报' }),
  result: z.enum(['qualified', 'basic', 'unqualified'], { error: '结论应为合格、基本合格或不合格' }),
  remark: text('备注', 1, 255).optional(),
});
export const penaltyBody = z.object({
  decisionNo: text('处罚决定书文号', 2, 100),
  authority: text('处罚机关', 2, 100),
  date: isoDate('处罚日期'),
  kind: text('处罚种类', 2, 32),
  reason: text('处罚事由', 2, 1000),
  amount: z.number().int().min(0).max(1e12).nullable().optional(),
});
export const ratingBody = z.object({
  level: z.number({ error: '请填写评估等级' }).int().min(1, '评估等级为1A至5A').max(5, '评估等级为1A至5A'),
  validFrom: isoDate('有效期起'),
  validTo: isoDate('有效期止').optional(),
  authority: text('评估机关', 2, 100),
});
export const illegalOrgBody = z.object({
  name: text('组织名称', 2, 100),
  authority: text('发布机关', 2, 100),
  divisionCode,
  publishedAt: isoDate('发布日期'),
  source: text('信息来源', 2, 255).optional(),
});

export const complaintBody = z
  .object({
    target: z.union(
      [
        z.object({ uscc: z.string().min(1).max(40) }).strict(),
        z.object({ illegalOrgId: z.number().int().positive() }).strict(),
        z.object({ name: text('被投诉组织名称', 2, 100), divisionCode }).strict(),
      ],
      { error: '请选择被投诉的组织' },
    ),
    category: z.enum(keys(COMPLAINT_CATEGORIES), { error: '请选择投诉类别' }),
    content: text('投诉内容', 10, 1000),
    images: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '图片标识无效'), { error: '图片列表无效' })
      .max(3, '最多上传3张图片')
      .default([]),
    anonymous: z.boolean({ error: '是否匿名应为 true 或 false' }).default(false),
    contact: z
      .object({
        name: text('联系人', 1, 30).optional(),
        phone: z
          .string({ error: '请填写联系电话' })
          .trim()
          .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确'),
      })
      .optional(),
    idempotencyKey: z.string({ error: '缺少提交标识' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交标识无效'),
  })
  .refine((v) => !(v.anonymous && v.contact), { message: '匿名投诉不能填写联系方式', path: ['contact'] });

export const listQuery = z.object({ page: q.page, pageSize: q.pageSize });
export const exportQuery = z.object({
  format: z.enum(['xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' }).default('xlsx'),
  division: divisionPrefix.optional(),
});
export const staffComplaintQuery = z.object({
  status: z.enum(['submitted', 'accepted', 'answered', 'rejected'], { error: '状态无效' }).optional(),
  page: q.page,
  pageSize: q.pageSize,
});
export const idParam = z.object({
  id: z.coerce
    .number({ error: '编号无效' })
    .int('编号无效')
    .positive('编号无效')
    .max(2 ** 31 - 1, '编号无效'),
});
export const trackingParam = z.object({ trackingNo: z.string().regex(/^TS\d{8}[0-9A-Z]{6}$/, '投诉编号无效') });
export const answerBody = z.object({ answer: text('答复内容', 5, 2000) });
export const rejectBody = z.object({ reason: text('不予受理理由', 2, 500) });
