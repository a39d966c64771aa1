import { z } from 'zod';
import { divisionPrefix, VOLUNTEER_SERVICE_TYPES } from '@minzheng/contracts';
import { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from '../identity';

const shortText = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过${max}个字`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}不超过${max}个字`).default('');
const instant = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what}格式应为 2026-12-20T09:00:00+08:00` }).transform((v) => new Date(v));
const division = z.string({ error: '请选择地区' }).regex(/^\d{6,12}$/, '地区编码应为6至12位数字');
const serviceType = z.enum(VOLUNTEER_SERVICE_TYPES, { error: '请选择服务类型' });
const reason = z.string({ error: '请填写理由' }).trim().min(2, '理由至少2个字').max(200, '理由不超过200个字');
const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号');
const idNumber = z
  .string({ error: '请填写身份证号' })
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const problem = checkIdNumber(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
  });

export const profileBody = z.object({
  skills: z.array(z.string().trim().min(1).max(20, '每项技能不超过20个字')).max(20, '技能最多20项').default([]),
  serviceTypes: z.array(serviceType).max(VOLUNTEER_SERVICE_TYPES.length).default([]),
  areas: z.array(division).max(10, '服务地区最多10个').default([]),
  availability: optionalText('可服务时间', 200),
});

export const idParam = z.object({ id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效') });
export const numberParam = z.object({ number: z.string().trim().min(1).max(40) });

export const orgBody = z.object({
  name: shortText('组织名称', 100),
  divisionCode: division,
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为18位')
    .optional(),
  contact: shortText('联系方式', 60),
});
export const orgAdminBody = z.object({ staffId: z.number({ error: '请选择工作人员' }).int().positive() });
export const importVolunteerBody = z.object({ name: personName, idNumber });

export const activityBody = z.object({
  orgId: z.number({ error: '请选择志愿服务组织' }).int().positive(),
  title: shortText('活动名称', 100),
  type: serviceType,
  divisionCode: division,
  description: shortText('活动内容', 2000),
  tasks: optionalText('岗位任务', 1000),
  requirements: optionalText('参加条件', 1000),
  risks: optionalText('风险提示', 1000),
  insurance: z.boolean({ error: '请说明是否提供保险' }),
  quota: z.number({ error: '请填写招募人数' }).int('招募人数须为整数').min(1, '招募人数至少1人').max(100000),
  address: shortText('活动地点', 200),
  lat: z.number({ error: '请在地图上选择活动地点' }).min(-90).max(90),
  lng: z.number({ error: '请在地图上选择活动地点' }).min(-180).max(180),
  radiusM: z.number().int().min(50, '签到范围至少50米').max(5000, '签到范围最多5000米').default(500),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  signupDeadline: instant('报名截止时间'),
});
export const activityPatch = activityBody.omit({ orgId: true }).partial();
export const transitionParam = z.object({
  id: idParam.shape.id,
  action: z.enum(['publish', 'start', 'finish', 'cancel'], { error: '不支持的操作' }),
});
export const cancelBody = z.object({ reason: reason.optional() });

export const searchQuery = z.object({
  // A code prefix, or a division's own code: 110000 (北京市) searches under 11 (divisionPrefix).
  division: z
    .string()
    .regex(/^\d{2,12}$/, '地区编码应为数字')
    .transform(divisionPrefix)
    .optional(),
  type: serviceType.optional(),
  date: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  withinKm: z.coerce.number().min(0.1).max(500).default(20),
  openOnly: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const staffActivitiesQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(['draft', 'published', 'in_progress', 'finished', 'cancelled']).optional(),
});

export const decisionBody = z.object({ reason: reason.optional() });
export const rejectBody = z.object({ reason });

export const scanBody = z.object({
  code: z.string({ error: '请扫描签到码' }).trim().min(1, '请扫描签到码').max(200, '签到码无效'),
  action: z.enum(['in', 'out'], { error: '请选择签到或签退' }),
  lat: z.number({ error: '需要获取您的位置才能签到' }).min(-90).max(90),
  lng: z.number({ error: '需要获取您的位置才能签到' }).min(-180).max(180),
  accuracy: z.number({ error: '需要获取您的位置精度' }).min(0).max(100000),
  /** The activity whose page the volunteer scans from: a code of another activity is refused. */
  activityId: z.number().int().positive().optional(),
});

export const manualHoursBody = z.object({
  volunteerNumber: z.string({ error: '请填写志愿者编号' }).trim().min(1).max(20),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  reason,
});
export const correctionBody = z.object({
  minutes: z
    .number({ error: '请填写更正后的分钟数' })
    .int()
    .min(0)
    .max(24 * 60),
  reason,
});
export const ledgerVerifyQuery = z.object({
  volunteerNumber: z.string().trim().min(1).max(20),
});

export const certificateRequestBody = z.object({
  orgId: z.number({ error: '请选择开具证明的组织' }).int().positive(),
  purpose: shortText('证明用途', 100),
});
export const certificatesQuery = z.object({ status: z.enum(['requested', 'issued', 'revoked']).optional() });
export const revokeBody = z.object({ reason });

export const joinBody = z.object({ note: z.string().trim().max(200, '申请说明不超过200个字').optional() });
export const membersQuery = z.object({ status: z.enum(['pending', 'approved', 'refused', 'left']).optional() });
export const publicOrgsQuery = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/, '地区代码有误')
    .optional(),
});
export const exportQuery = z.object({
  format: z.enum(['xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' }).default('xlsx'),
});

const month = (what: string) => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${what}格式应为 YYYY-MM`);
export const statsQuery = z.object({
  from: month('起始月份').optional(),
  to: month('截止月份').optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/, '地区代码有误')
    .optional(),
});
