import { z } from 'zod';
import { isRealDate, toMinutes } from '../../platform/clock';
import type { BookRequest, Exact } from '@minzheng/contracts';

const id = z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效').max(2_000_000_000, '编号无效');
const date = z.string({ error: '请选择日期' }).refine(isRealDate, '日期格式应为 YYYY-MM-DD');
const serviceCode = z.string({ error: '请选择办理事项' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, '事项编码无效');
const period = z.string({ error: '请选择时段' }).regex(/^[A-Za-z0-9_-]{1,10}$/, '时段无效');
export const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(MZBK:)?[A-Z0-9]{8}$/, '预约码为8位字母或数字');

export const hallService = z.object({ hallId: id, serviceCode });
export const availabilityQuery = hallService.extend({
  from: date.optional(),
  days: z.coerce.number().int().min(1).max(62, '一次最多查询62天').default(31),
});
export const periodsQuery = hallService.extend({ date });
export const bookBody = hallService.extend({
  date,
  period,
  consentNotices: z.boolean({ error: '请说明是否接收预约通知' }).default(false),
});
// The clients send what @minzheng/contracts says: a field renamed on either side fails the typecheck.
const bookRequestIsTheContract: Exact<z.output<typeof bookBody>, Required<BookRequest>> = true;
void bookRequestIsTheContract;
export const codeParam = z.object({ code: codeSchema });
export const idParam = z.object({ id });
export const secondVisitBody = z.object({ date, period });
export const rushQuery = z.object({ hallId: id, serviceCode: serviceCode.optional() });
export const staffDayQuery = z.object({ date });
export const staffHallParam = z.object({ id });
export const staffBookingParam = z.object({ id, code: codeSchema });
export const staffConfigParam = z.object({ id, serviceCode });
export const checkInBody = z.object({ code: codeSchema });
export const rushBody = z.object({
  serviceCode,
  date,
  entryDeadline: z
    .string()
    .datetime({ offset: true, error: '截止时间格式应为 ISO 8601，如 2026-05-10T18:00:00+08:00' }),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const configBody = z.object({
  periods: z
    .array(
      z.object({
        key: period,
        start: hhmm,
        end: hhmm,
        capacity: z.number().int().min(0).max(10000, '单个时段号源过多'),
      }),
    )
    .min(1)
    .max(24)
    .refine(
      (periods) => periods.every((period) => toMinutes(period.start) < toMinutes(period.end)),
      '时段开始时间须早于结束时间',
    )
    .refine((periods) => new Set(periods.map((period) => period.key)).size === periods.length, '时段编号不能重复')
    .optional(),
  openDaysAhead: z.number().int().min(1).max(90).optional(),
  cutoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
  cancelMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
  noShowLimit: z.number().int().min(1).max(100).optional(),
  noShowWindowDays: z.number().int().min(1).max(365).optional(),
  noShowBanDays: z.number().int().min(0).max(365).optional(),
  active: z.boolean().optional(),
});
