import { z } from 'zod';
import { segmentSchema } from '../mp';
import { NOTICE_KINDS } from './templates';

export const listQuery = z.object({
  page: z.coerce.number().int('页码必须是整数').min(1, '页码从 1 开始').max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});
export const idParam = z.object({ id: z.coerce.number().int().positive('编号无效') });

export const preferencesBody = z
  .object(
    Object.fromEntries(NOTICE_KINDS.map((k) => [k, z.boolean().optional()])) as Record<
      (typeof NOTICE_KINDS)[number],
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();

// What wx.requestSubscribeMessage resolves with: {[templateId]: 'accept' | 'reject' | 'ban' | 'filter'}.
export const consentBody = z.object({
  results: z
    .record(
      z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, '模板编号无效'),
      z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果无效' }),
    )
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, '一次最多 10 个模板'),
});
export const templateKeysQuery = z.object({
  keys: z.string().regex(/^[a-z0-9_.-]+(,[a-z0-9_.-]+){0,9}$/, '通知类型无效'),
});

export const broadcastBody = z.object({
  templateKey: z.string().min(1, '请选择通知模板').max(64),
  data: z.record(z.string().regex(/^[A-Za-z0-9_]{1,32}$/), z.string().max(500, '内容最多 500 字')),
  link: z
    .string()
    .regex(/^\/?[A-Za-z0-9_/-]{1,200}(\?[\S]{0,200})?$/, '链接页面无效')
    .optional(),
  segment: segmentSchema,
});
export const previewBody = z.object({ segment: segmentSchema });
export const rejectBody = z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(200, '原因最多 200 字') });
export const outboxQuery = listQuery.extend({
  status: z
    .enum(['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'], { error: '发送状态无效' })
    .optional(),
});
