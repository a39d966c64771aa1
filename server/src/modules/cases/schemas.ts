import { z } from 'zod';
import { q } from '../../platform/validation';

export const caseIdParam = z.object({ id: z.coerce.number().int().positive('案件编号无效') });
export const caseNumberParam = z.object({
  number: z.string().regex(/^[A-Z]{2,3}-\d{8}-[0-9A-Z]{6}$/, '案件编号格式不正确'),
});
export const actionParam = caseIdParam.extend({
  action: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '办理操作无效'),
});

export const actionBody = z.object({
  form: z.record(z.string(), z.unknown()).default({}),
  opinion: z.string().trim().max(2000, '办理意见最多2000字').nullish(),
  version: z.number().int().positive().optional(),
});

export const bulkBody = z.object({
  caseIds: z.array(z.number().int().positive()).min(1, '请选择要办理的案件').max(200, '每次最多批量办理200件'),
  action: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '办理操作无效'),
  opinion: z.string().trim().max(2000, '办理意见最多2000字').nullish(),
});

export const inboxQuery = z.object({
  type: z.string().max(40).optional(),
  stage: z.string().max(40).optional(),
  flag: z.enum(['none', 'near', 'overdue'], { error: '提醒状态无效' }).optional(),
  page: q.page,
  pageSize: q.pageSize,
});

export const statisticsQuery = z.object({ type: z.string().max(40).optional() });
