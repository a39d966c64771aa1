import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A statistics query: Beijing dates, both included; the range is checked in `range.ts`. */
export const statsQuerySchema = z.object({
  from: date.optional(),
  to: date.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
