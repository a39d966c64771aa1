import { z } from 'zod';

export const siteQuery = z.object({
  division: z
    .string()
    .regex(/^\d{6}$/, '区划代码应为6位数字')
    .optional(),
});
