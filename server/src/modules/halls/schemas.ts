import { z } from 'zod';
import { isRealDate, toMinutes } from '../../platform/clock';
import { patchOf } from '../../platform/validation';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
/** 1–3 opening sessions in order, e.g. morning and afternoon around a lunch break. */
export const sessionsSchema = z
  .array(z.tuple([hhmm, hhmm]), { error: '办公时间格式不正确' })
  .min(1, '至少一个办公时段')
  .max(3, '最多三个办公时段')
  .refine(
    (s) => s.every(([a, b], i) => toMinutes(a) < toMinutes(b) && (i === 0 || toMinutes(s[i - 1][1]) <= toMinutes(a))),
    '办公时段须按时间先后排列且不重叠',
  );

export const dateString = z.string({ error: '请填写日期' }).refine(isRealDate, '日期格式应为 YYYY-MM-DD');
const serviceCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, '事项编码无效');
const windowNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, '窗口号为1-8位字母或数字');

export const hallBody = z.object({
  name: z.string().trim().min(2, '请填写大厅名称').max(100),
  divisionCode: z.string().regex(/^\d{6}$/, '区划代码应为6位数字'),
  address: z.string().trim().min(2, '请填写地址').max(200),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9-]{5,20}$/, '电话号码格式不正确')
    .nullable()
    .optional(),
  hours: sessionsSchema,
  closedWeekdays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
  queuePrefixes: z
    .record(serviceCode, z.string().regex(/^[A-Z]$/, '取号前缀为一个大写字母'))
    .nullable()
    .optional(),
  intro: z.string().trim().max(2000).nullable().optional(),
  active: z.boolean().default(true),
});
// Only what the PATCH names changes: an absent field keeps its value, never the create default.
export const hallPatch = patchOf(hallBody);

export const windowsBody = z
  .object({
    windows: z
      .array(
        z.object({
          number: windowNumber,
          name: z.string().trim().min(1, '请填写窗口名称').max(60),
          serviceCodes: z.array(serviceCode).min(1, '每个窗口至少办理一项事项').max(50),
          priorityLane: z.boolean().default(false),
        }),
      )
      .max(60, '窗口过多'),
  })
  .refine((b) => new Set(b.windows.map((w) => w.number)).size === b.windows.length, {
    message: '窗口号不能重复',
    path: ['windows'],
  });

export const overrideBody = z.object({
  open: z.boolean({ error: '请说明当天是否开放' }),
  hours: sessionsSchema.nullable().optional(),
  note: z.string().trim().max(100).nullable().optional(),
});

/** Several days at once: confirming a month the State Council has not published yet, for instance. */
export const daysBody = z.object({
  days: z
    .array(overrideBody.extend({ date: dateString }))
    .min(1, '请至少选择一天')
    .max(62, '一次最多设置62天')
    .refine((d) => new Set(d.map((x) => x.date)).size === d.length, '日期不能重复'),
});

export const idParam = z.object({
  id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效').max(2_000_000_000, '编号无效'),
});
export const dayParam = idParam.extend({ date: dateString });
export const entryParam = idParam.extend({
  entryId: z.coerce.number().int().positive('编号无效').max(2_000_000_000, '编号无效'),
});

export const listQuery = z.object({
  division: z
    .string()
    .regex(/^\d{2}(\d{2}){0,2}$/, '区划代码应为2、4或6位数字')
    .optional(),
  service: serviceCode.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});

export const calendarQuery = z.object({
  from: dateString.optional(),
  days: z.coerce.number().int().min(1).max(62, '一次最多查询62天').default(31),
});

export const entryCodeBody = z.object({
  windowNumber: windowNumber.optional(),
  serviceCode: serviceCode.optional(),
});

export const sceneParam = z.object({ scene: z.string().min(1).max(200, '二维码参数无效') });
