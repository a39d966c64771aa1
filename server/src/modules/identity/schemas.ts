import { z } from 'zod';
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from './id-number';

export const loginBody = z.object({
  code: z.string({ error: '缺少登录凭证' }).trim().min(1, '缺少登录凭证').max(128, '登录凭证无效'),
});

export const identityBody = z.object({
  name: z
    .string({ error: '请填写姓名' })
    .trim()
    .min(2, '姓名至少2个字')
    .max(30, '姓名过长')
    .regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号'),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .transform(normalizeIdNumber)
    .superRefine((v, ctx) => {
      const problem = checkIdNumber(v);
      if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
    }),
  /** A liveness/face check token from the client, passed to providers that offer one. */
  liveness: z.string().max(2048).optional(),
});

export const phoneBody = z.object({
  code: z.string({ error: '缺少手机号授权凭证' }).trim().min(1, '缺少手机号授权凭证').max(128),
});
