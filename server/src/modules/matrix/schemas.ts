import { z } from 'zod';
import { patchOf, q } from '../../platform/validation';
import { MEMBER_LEVELS } from './models';

const appid = z
  .string({ error: '请填写公众号 AppID' })
  .trim()
  .regex(/^wx[0-9a-zA-Z]{8,30}$/, 'AppID 格式不正确（以 wx 开头）');
const secret = z
  .string({ error: '请填写公众号 AppSecret' })
  .trim()
  .regex(/^[0-9A-Za-z_-]{16,64}$/, 'AppSecret 格式不正确');
const divisionCode = z.string({ error: '请选择所属区划' }).regex(/^\d{6}$/, '区划代码应为6位数字');
const httpsUrl = z
  .string()
  .trim()
  .max(512, '链接过长')
  .regex(/^https?:\/\/\S+$/, '链接应以 http:// 或 https:// 开头');

export const newMemberBody = z.object({
  name: z.string({ error: '请填写公众号名称' }).trim().min(1, '请填写公众号名称').max(64, '名称最多64个字'),
  appid,
  secret,
  originalId: z
    .string()
    .trim()
    .regex(/^gh_[0-9a-f]{12}$/, '原始 ID 格式不正确（gh_ 加12位）')
    .optional(),
  level: z.enum(MEMBER_LEVELS as [string, ...string[]], {
    error: '级别应为 national、provincial、municipal 或 county',
  }),
  divisionCode,
  category: z.string({ error: '请填写类别' }).trim().min(1, '请填写类别').max(32, '类别最多32个字'),
  qrUrl: httpsUrl.optional(),
  active: z.boolean({ error: '启用状态应为 true 或 false' }).default(true),
});
export const memberPatchBody = patchOf(newMemberBody).refine((v) => Object.keys(v).length > 0, '没有要修改的内容');

export const idParam = z.object({
  id: z.coerce
    .number()
    .int('编号无效')
    .positive('编号无效')
    .max(2 ** 31 - 1, '编号无效'),
});

export const feedQuery = z.object({
  member: z.coerce
    .number()
    .int('成员编号无效')
    .positive('成员编号无效')
    .max(2 ** 31 - 1, '成员编号无效')
    .optional(),
  division: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6})$/, '区划应为2、4或6位数字')
    .optional(),
  category: z.string().trim().min(1).max(32, '类别最多32个字').optional(),
  q: z.string().trim().max(50, '关键词最多50个字').optional(),
  tag: z.string().trim().min(1).max(16, '标签最多16个字').optional(),
  page: q.page,
  pageSize: z.coerce.number().int().min(1).max(50, '每页最多 50 条').default(20),
});

export const curateBody = z
  .object({
    pinned: z.boolean({ error: '置顶应为 true 或 false' }).optional(),
    hidden: z.boolean({ error: '隐藏应为 true 或 false' }).optional(),
    tags: z.array(z.string().trim().min(1, '标签不能为空').max(16, '标签最多16个字')).max(8, '最多8个标签').optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '没有要修改的内容');

// WeChat's limits on a draft: title ≤ 64 characters, author ≤ 16, digest ≤ 120.
export const newDistributionBody = z
  .object({
    articleId: z.number({ error: '文章编号无效' }).int('文章编号无效').positive('文章编号无效').optional(),
    article: z
      .object({
        title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(64, '标题最多64个字'),
        author: z.string().trim().max(16, '作者最多16个字').optional(),
        digest: z.string().trim().max(120, '摘要最多120个字').optional(),
        content: z.string({ error: '请填写正文' }).trim().min(1, '请填写正文').max(200_000, '正文过长'),
        sourceUrl: httpsUrl.optional(),
        /** The cover image, base64 (a data: URL is fine); the shipped cover when omitted. */
        cover: z
          .string({ error: '封面图片应为 base64 编码的图片' })
          .max(14_000_000, '封面图片不能超过 10MB')
          .optional(),
      })
      .optional(),
    memberIds: z
      .array(z.number().int().positive('成员编号无效'), { error: '请选择要发布的成员账号' })
      .min(1, '请至少选择一个成员账号')
      .max(500, '一次最多发往500个账号'),
  })
  .refine((v) => (v.articleId === undefined) !== (v.article === undefined), {
    message: '请选择一篇文章或撰写一篇新文章（二选一）',
    path: ['article'],
  });
