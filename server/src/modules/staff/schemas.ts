import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/context';
import { staffPassword } from './passwords';

export const staffLoginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128),
});

const roles = z
  .array(z.enum(STAFF_ROLES as [string, ...string[]], { error: '角色无效' }))
  .min(1, '至少选择一个角色')
  .max(STAFF_ROLES.length);
// The prefix's length is the level the account acts at: 省 2, 市 4, 县 6, 乡镇/街道 9, 村/社区 12 digits.
const divisions = z
  .array(
    z
      .string()
      .regex(
        /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/,
        '区划前缀应为2、4、6位（省、市、县）、9位（乡镇/街道）或12位（村/社区）数字',
      ),
  )
  .max(100);
const halls = z.array(z.number().int().positive('大厅编号无效')).max(200);
const displayName = z.string().trim().min(1, '请填写姓名').max(32, '姓名不超过32个字');

export const newStaffBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为3-32位小写字母、数字或 _ . -，以字母开头'),
  displayName,
  // Absent: a one-time password is generated and must be changed at first sign-in.
  password: staffPassword.optional(),
  roles,
  scope: z.object({ divisions: divisions.default([]), halls: halls.default([]) }),
});

// A PATCH names only what changes: no defaults here, or an absent field would reset it.
export const staffChangesBody = z
  .object({
    displayName: displayName.optional(),
    roles: roles.optional(),
    scope: z.object({ divisions: divisions.optional(), halls: halls.optional() }).strict().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, '请至少修改一项');

export const passwordChangeBody = z.object({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码').max(128),
  newPassword: staffPassword,
});

export const idParam = z.object({ id: z.coerce.number().int().positive('编号无效') });
export const idNumberQuery = z.object({
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号格式不正确'),
});

const auditDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .optional();
export const auditLogQuery = z
  .object({
    actor: z.string().trim().min(1).max(64, '用户名最多 64 个字符').optional(),
    targetType: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, '记录类型无效')
      .optional(),
    targetId: z.string().trim().min(1).max(64, '记录编号最多 64 个字符').optional(),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9_.]{0,63}$/, '操作类型无效')
      .optional(),
    from: auditDate('开始日期'),
    to: auditDate('结束日期'),
    before: z.coerce.number().int().positive('分页位置无效').optional(),
    pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(50),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { message: '开始日期不能晚于结束日期', path: ['from'] });
