import { z } from 'zod';
import { badRequest } from './errors';

// Every message a citizen may read is Chinese, including zod's defaults.
z.config(z.locales.zhCN());

/** Parses input at the edge; a failure is a 400 VALIDATION_FAILED naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0];
  throw badRequest('VALIDATION_FAILED', `提交的信息有误：${first}`, fields);
}

/** Query strings arrive as strings; these coerce them with the same error shape. */
export const q = {
  page: z.coerce.number().int('页码必须是整数').min(1, '页码从 1 开始').max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
};
