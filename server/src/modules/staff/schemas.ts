import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/context';

export const staffLoginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128),
});

export const newStaffBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为3-32位小写字母、数字或 _ . -，以字母开头'),
  displayName: z.string().trim().min(1, '请填写姓名').max(32),
  password: z
    .string()
    .min(12, '密码至少12位')
    .max(128)
    .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '密码须同时包含字母和数字'),
  roles: z.array(z.enum(STAFF_ROLES as [string, ...string[]], { error: '角色无效' })).min(1, '至少选择一个角色'),
  scope: z.object({
    divisions: z.array(z.string().regex(/^(\d{2}|\d{4}|\d{6})?$/, '区划前缀应为2、4或6位数字')).default([]),
    halls: z.array(z.number().int().positive()).default([]),
  }),
});

export const idParam = z.object({ id: z.coerce.number().int().positive('编号无效') });
export const idNumberQuery = z.object({
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号格式不正确'),
});
