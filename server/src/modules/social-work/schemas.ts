import { z } from 'zod';
import {
  type Exact,
  type HelpComplaintInput,
  type HelpRequestInput,
  NEED_CATEGORIES,
  SERVICE_COMPLAINT_REASONS,
  SERVICE_RECORD_KINDS,
  SOCIAL_WORKER_LEVELS,
} from '@minzheng/contracts';
import { isRealDate } from '../../platform/clock';

const shortText = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过${max}个字`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}不超过${max}个字`).default('');
const day = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 2026-01-31`)
    .refine(isRealDate, `${what}不是有效日期`);
const division = z.string({ error: '请选择地区' }).regex(/^\d{6,12}$/, '地区编码应为6至12位数字');
const township = z.string({ error: '请选择乡镇（街道）' }).regex(/^\d{9}(\d{3})?$/, '请选择到乡镇（街道）或村（社区）');
const category = z.enum(NEED_CATEGORIES, { error: '请选择求助类别' });
const reason = z.string({ error: '请填写理由' }).trim().min(2, '理由至少2个字').max(200, '理由不超过200个字');
const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号');
const positiveId = (what: string) =>
  z
    .number({ error: `请选择${what}` })
    .int()
    .positive(`请选择${what}`);

export const idParam = z.object({ id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效') });

export const orgBody = z.object({
  uscc: z
    .string({ error: '请填写统一社会信用代码' })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为18位数字或大写字母'),
});

export const stationBody = z.object({
  name: shortText('社工站名称', 100),
  divisionCode: township,
  orgUscc: orgBody.shape.uscc.optional(),
  address: shortText('地址', 200),
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(/^[0-9-]{7,20}$/, '联系电话格式不正确'),
  officeHours: shortText('服务时间', 100),
  description: optionalText('简介', 1000),
  services: z.array(category).min(1, '请至少选择一项服务内容').max(NEED_CATEGORIES.length),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});

export const workerBody = z.object({
  name: personName,
  level: z.enum(SOCIAL_WORKER_LEVELS, { error: '请选择职业水平等级' }),
  certificateNo: z
    .string({ error: '请填写证书编号' })
    .trim()
    .regex(/^[0-9A-Za-z-]{6,40}$/, '证书编号应为6至40位字母或数字'),
  certifiedOn: day('取得证书日期'),
  registeredOn: day('登记日期').optional(),
  divisionCode: division,
  stationId: positiveId('社工站').optional(),
  orgUscc: orgBody.shape.uscc.optional(),
  staffId: positiveId('工作人员账号').optional(),
});
/** Editing a worker: the fields sent are changed (null clears a station, organization or account). */
export const workerPatch = z
  .object({
    name: workerBody.shape.name,
    level: workerBody.shape.level,
    certificateNo: workerBody.shape.certificateNo,
    certifiedOn: workerBody.shape.certifiedOn,
    divisionCode: division,
    stationId: positiveId('社工站').nullable(),
    orgUscc: orgBody.shape.uscc.nullable(),
    staffId: positiveId('工作人员账号').nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
/** Editing a station: its 乡镇 stays (requests are routed by it); the rest may change. */
export const stationPatch = z
  .object({
    name: stationBody.shape.name,
    orgUscc: orgBody.shape.uscc.nullable(),
    address: stationBody.shape.address,
    phone: stationBody.shape.phone,
    officeHours: stationBody.shape.officeHours,
    description: z.string().trim().max(1000, '简介不超过1000个字'),
    services: stationBody.shape.services,
    lat: z.number().min(-90).max(90).nullable(),
    lng: z.number().min(-180).max(180).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export const registrationBody = z.object({ registeredOn: day('登记日期') });
export const trainingBody = z.object({
  hours: z.number({ error: '请填写学时' }).positive('学时须大于0').max(200, '单次学时不超过200'),
  course: shortText('课程名称', 100),
  completedOn: day('完成日期'),
});
export const workersQuery = z.object({ due: z.enum(['true', 'false']).optional() });

export const stationsQuery = z.object({
  division: z
    .string()
    .regex(/^\d{2,12}$/, '地区编码应为数字')
    .optional(),
  category: category.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const requestBody = z.object({
  category,
  divisionCode: township,
  description: shortText('求助内容', 1000),
  contactName: personName,
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(/^1\d{10}$/, '请填写11位手机号码'),
});
export const requestBodyMatchesContract: Exact<z.input<typeof requestBody>, HelpRequestInput> = true;

export const complaintBody = z.object({
  reason: z.enum(SERVICE_COMPLAINT_REASONS, { error: '请选择投诉原因' }),
  content: z
    .string({ error: '请填写投诉内容' })
    .trim()
    .min(10, '投诉内容至少10个字，请说明发生了什么')
    .max(800, '投诉内容不超过800个字'),
  idempotencyKey: z.string({ error: '缺少提交标识' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交标识无效'),
});
export const complaintBodyMatchesContract: Exact<z.input<typeof complaintBody>, HelpComplaintInput> = true;

export const assignBody = z.object({ workerId: positiveId('社工') });
export const closeBody = z.object({ summary: shortText('结案小结', 1000) });
export const rateBody = z.object({
  rating: z.number({ error: '请选择评分' }).int('评分为1至5星').min(1, '评分为1至5星').max(5, '评分为1至5星'),
  comment: optionalText('评价', 200),
});
export const inboxQuery = z.object({
  status: z.enum(['submitted', 'assigned', 'in_service', 'closed']).optional(),
  stationId: z.coerce.number().int().positive().optional(),
});

export const recordBody = z.object({
  kind: z.enum(SERVICE_RECORD_KINDS, { error: '请选择服务类型' }),
  content: shortText('服务内容', 2000),
  servedOn: day('服务日期'),
  clientToken: z
    .string({ error: '缺少提交编号' })
    .trim()
    .regex(/^[0-9A-Za-z_-]{8,64}$/, '提交编号格式不正确'),
  photoIds: z.array(z.number().int().positive()).max(9, '照片最多9张').default([]),
});
export const reviewQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') });
export const rejectBody = z.object({ reason });

export const projectBody = z.object({
  title: shortText('项目名称', 100),
  divisionCode: division,
  category,
  stationId: positiveId('社工站').optional(),
  orgUscc: orgBody.shape.uscc.optional(),
  goals: shortText('项目目标', 2000),
  results: optionalText('项目成效', 2000),
  startsOn: day('开始日期'),
  endsOn: day('结束日期').optional(),
});
export const projectPatch = z.object({ results: shortText('项目成效', 2000) });
export const projectsQuery = z.object({
  division: z
    .string()
    .regex(/^\d{2,12}$/, '地区编码应为数字')
    .optional(),
  category: category.optional(),
});
