import { z } from 'zod';

const id = z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效').max(2_000_000_000, '编号无效');
const serviceCode = z.string({ error: '请选择办理事项' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, '事项编码无效');

export const takeBody = z.object({
  hallId: id,
  serviceCode,
  priority: z.enum(['elderly', 'disabled'], { error: '优先类型无效' }).optional(),
});
export const idParam = z.object({ id });
export const hallTicketParam = z.object({ id, ticketId: id });
export const windowParam = z.object({ id, number: z.string().regex(/^[A-Za-z0-9]{1,8}$/, '窗口号无效') });
export const deskBody = z.object({ serviceCode, priority: z.boolean().default(false) });
/** The hall display's token travels in the query: EventSource cannot set headers (query strings are never logged). */
export const displayQuery = z.object({ token: z.string().max(200, '叫号屏令牌无效').optional() });
