import { z } from 'zod';
import { FAMILY_SEARCH_STATUS_LABELS, WANDERER_CONDITION_LABELS, type WandererCondition } from '@minzheng/contracts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const division = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为6、9或12位数字');
const opt = (max: number) => z.string().trim().max(max, `最多${max}个字`).optional();

const person = {
  sex: z.enum(['male', 'female'], { error: '性别应为男或女' }),
  ageMin: z.number().int().min(0).max(120),
  ageMax: z.number().int().min(0).max(120),
  heightCm: z.number().int().min(40).max(230).optional(),
  build: z.enum(['slim', 'medium', 'heavy']).optional(),
  accent: opt(32),
  ethnicity: opt(16),
  features: opt(500),
  clothing: opt(500),
};
const ageOrder = (v: { ageMin: number; ageMax: number }) => v.ageMin <= v.ageMax;
const ageMessage = { message: '年龄下限不能大于上限', path: ['ageMax'] };

export const noticeBody = z
  .object({
    ...person,
    stationName: z.string().trim().min(2).max(100),
    stationContact: z.string().trim().min(5).max(100),
    stationDivisionCode: division,
    health: opt(200),
    mentalState: opt(200),
    foundDate: date,
    foundDivisionCode: division,
    foundPlace: z.string().trim().min(2, '请填写发现地点').max(200),
    foundLat: z.number().min(3).max(54).optional(),
    foundLng: z.number().min(73).max(136).optional(),
  })
  .strict()
  .refine(ageOrder, ageMessage);

export const searchBody = z
  .object({
    ...person,
    lastSeenDate: date,
    lastSeenDivisionCode: division,
    lastSeenPlace: z.string().trim().min(2, '请填写走失地点').max(200),
    lastSeenLat: z.number().min(3).max(54).optional(),
    lastSeenLng: z.number().min(73).max(136).optional(),
  })
  .strict()
  .refine(ageOrder, ageMessage);

export const publicQuery = z.object({
  sex: z.enum(['male', 'female']).optional(),
  age: z.coerce.number().int().min(0).max(120).optional(),
  accent: z.string().trim().max(32).optional(),
  division: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字')
    .optional(),
  foundFrom: date.optional(),
  foundTo: date.optional(),
  page: z.coerce.number().int().min(1).max(100).default(1),
});

export const idParam = z.object({ id: z.string().regex(/^\d{1,10}$/, '编号应为数字') });
export const leadBody = z
  .object({ content: z.string().trim().min(5, '请写明线索内容（至少5个字）').max(1000) })
  .strict();
export const statusBody = z
  .object({
    status: z.enum(Object.keys(FAMILY_SEARCH_STATUS_LABELS) as [string, ...string[]], { error: '状态无效' }),
  })
  .strict();

export const stationNoticesQuery = z.object({
  status: z.enum(Object.keys(FAMILY_SEARCH_STATUS_LABELS) as [string, ...string[]], { error: '状态无效' }).optional(),
  page: z.coerce.number().int().min(1).max(100).default(1),
});
export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100).default(1) });

const name = (what: string) => z.string().trim().min(2, `请填写${what}`).max(20, `${what}最多20个字`);

export const wandererBody = z
  .object({
    name: name('姓名'),
    idNumber: z.string().trim().max(18).optional(),
    sex: person.sex,
    birthYear: z.number().int().min(1900, '出生年份无效').max(2100, '出生年份无效'),
    heightCm: person.heightCm,
    accent: opt(32),
    ethnicity: opt(16),
    features: opt(500),
    condition: z.enum(Object.keys(WANDERER_CONDITION_LABELS) as [WandererCondition, ...WandererCondition[]], {
      error: '请选择易走失原因',
    }),
    homeDivisionCode: division,
    homePlace: z.string().trim().min(2, '请填写居住地址').max(200),
    guardianName: name('监护人姓名'),
    guardianPhone: z.string().regex(/^1[3-9]\d{9}$/, '请填写11位手机号'),
    consent: z.boolean({ error: '请阅读并同意登记授权' }),
  })
  .strict();

export const intakeBody = z
  .object({
    stationDivisionCode: division,
    idNumber: z.string().trim().max(18).optional(),
    sex: person.sex,
    ageMin: person.ageMin,
    ageMax: person.ageMax,
    heightCm: person.heightCm,
    accent: opt(32),
    ethnicity: opt(16),
    features: opt(500),
    foundDivisionCode: division.optional(),
  })
  .strict()
  .refine(ageOrder, ageMessage);

export const notifyGuardianBody = z.object({ noticeId: z.number().int().positive('请选择寻亲公告') }).strict();
export const pushLevelParam = z.object({
  id: z.string().regex(/^\d{1,10}$/, '编号应为数字'),
  level: z.enum(['city', 'province'], { error: '推送范围应为市或省' }),
});
export const statsQuery = z.object({ from: date, to: date });
