import { z } from 'zod';
import { SERVICE_AREAS } from '../site';

const areaKeys = SERVICE_AREAS.map((a) => a.key) as [string, ...string[]];

export const searchQuery = z.object({
  q: z.string().trim().max(50, '搜索词最多50个字').optional(),
  area: z.enum(areaKeys, { error: '服务领域无效' }).optional(),
});

export const SERVICE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const codeParam = z.object({ code: z.string().regex(SERVICE_CODE, '事项编码无效') });
