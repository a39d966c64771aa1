import { z } from 'zod';

export const searchQuery = z.object({
  q: z.string().trim().min(1, '请输入搜索词').max(30, '搜索词最多30个字'),
});
