import { z } from 'zod';

export const knowledgeQuery = z.object({ q: z.string().trim().max(50, '搜索词最多50个字').optional() });
export const knowledgeIdParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, '条目编号无效') });
