import { z } from 'zod';

export const divisionsQuery = z.object({
  parent: z
    .string()
    .regex(/^(\d{6}|\d{9})$/, '区划代码应为6位（县级及以上）或9位（乡镇/街道）数字')
    .optional(),
  /** 1: counties have children (乡镇/街道) and streets theirs (村/社区); default: down to counties. */
  deep: z.enum(['0', '1']).optional(),
});

export const divisionCodeParam = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为6、9或12位数字');
export const divisionParams = z.object({ code: divisionCodeParam });
