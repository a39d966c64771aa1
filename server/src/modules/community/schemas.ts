import { z } from 'zod';
import { COMMUNITY_NOTICE_CATEGORIES, RESIDENT_STATUSES } from '@minzheng/contracts';

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过${max}个字`);
const optional = (what: string, max: number) =>
  z.string().trim().max(max, `${what}不超过${max}个字`).nullable().optional();
const village = z.string({ error: '请选择村/社区' }).regex(/^\d{12}$/, '村/社区代码应为12位数字');
const street = z.string({ error: '请选择乡镇/街道' }).regex(/^\d{9}$/, '乡镇/街道代码应为9位数字');
const id = z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效');
const reason = z.string({ error: '请填写理由' }).trim().min(2, '理由至少2个字').max(200, '理由不超过200个字');

export const codeParam = z.object({ code: village });
export const streetParam = z.object({ code: street });
export const idParam = z.object({ id });
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, '附件编号无效') });

export const profileBody = z
  .object({
    address: optional('办公地址', 200),
    officeHours: optional('办公时间', 200),
    phone: optional('联系电话', 40),
    services: z.array(text('服务项目', 50)).max(30, '服务项目不超过30项').default([]),
    committee: z
      .array(z.object({ name: text('成员姓名', 30), role: text('职务', 20) }).strict())
      .max(30, '委员会成员不超过30人')
      .default([]),
  })
  .strict();

export const noticeBody = z
  .object({
    category: z.enum(COMMUNITY_NOTICE_CATEGORIES, { error: '请选择公开类别' }),
    title: text('标题', 100),
    body: text('正文', 20_000),
    attachments: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, '附件编号无效'))
      .max(10, '附件不超过10个')
      .default([]),
  })
  .strict();
export const noticesQuery = z.object({
  category: z.enum(COMMUNITY_NOTICE_CATEGORIES, { error: '公开类别无效' }).optional(),
});

export const residentBody = z.object({ address: text('居住地址', 200) }).strict();
export const residentsQuery = z.object({
  status: z.enum(RESIDENT_STATUSES, { error: '状态无效' }).optional(),
});
export const rejectBody = z.object({ reason }).strict();

export const proposalBody = z.object({ title: text('议题标题', 100), body: text('议题内容', 5000) }).strict();
export const commentBody = z.object({ body: text('意见', 1000) }).strict();
export const hideBody = z.object({ reason }).strict();
export const openVoteBody = z
  .object({
    options: z
      .array(text('选项', 50))
      .min(2, '至少设置2个选项')
      .max(10, '选项不超过10个')
      .refine((o) => new Set(o).size === o.length, '选项不能重复')
      .default(['同意', '不同意', '弃权']),
  })
  .strict();
export const voteBody = z
  .object({ option: z.number({ error: '请选择一个选项' }).int('请选择一个选项').min(0, '请选择一个选项') })
  .strict();

const candidate = z
  .object({ name: text('候选人姓名', 30), role: text('职务', 20), intro: z.string().trim().max(200).default('') })
  .strict();
export const electionBody = z
  .object({
    term: z.number({ error: '请填写届次' }).int('届次应为整数').min(1, '届次应为正整数').max(99, '届次无效'),
    title: text('标题', 100),
    announcement: text('选举公告', 20_000),
  })
  .strict();
export const candidatesBody = z
  .object({ candidates: z.array(candidate).min(1, '至少公布1名候选人').max(60, '候选人不超过60名') })
  .strict();
export const resultsBody = z
  .object({
    results: z
      .array(
        z
          .object({
            name: text('姓名', 30),
            role: text('职务', 20),
            votes: z.number().int().min(0, '得票数不能为负'),
            elected: z.boolean(),
          })
          .strict(),
      )
      .min(1, '请填写选举结果'),
  })
  .strict();

export const followBody = z.object({ code: village }).strict();
