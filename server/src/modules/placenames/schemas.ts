import { z } from 'zod';
import { PLACE_NAME_ACTIONS, PLACE_NAME_CATEGORIES } from '@minzheng/contracts';

const category = z.enum(PLACE_NAME_CATEGORIES as [string, ...string[]], { error: '地名类别无效' });
const divisionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为6、9或12位数字');

export const placeNameSearchQuery = z.object({
  /** A prefix of the Chinese name, of its pinyin (letters), or of its initials. */
  q: z.string().trim().min(1, '请输入地名或拼音').max(32, '检索词最多32个字').optional(),
  category: category.optional(),
  /** A division code: names in it and below. */
  division: divisionCode.optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const staffPlaceNameQuery = placeNameSearchQuery.extend({
  status: z.enum(['current', 'cancelled'], { error: '状态应为现行或已销名' }).optional(),
});

export const idParam = z.object({ id: z.string().regex(/^\d{1,10}$/, '编号应为数字') });

const text = (max: number, label: string) => z.string().trim().max(max, `${label}最多${max}个字`);

export const announcementBody = z
  .object({
    action: z.enum(PLACE_NAME_ACTIONS as [string, ...string[]], { error: '公告类型应为命名、更名或销名' }),
    /** 更名、销名: the standard name concerned. */
    placeNameId: z.number().int().positive().optional(),
    name: z
      .string()
      .trim()
      .regex(/^[\u3400-\u9fff\u00b7·0-9A-Za-z（）()]{1,64}$/, '标准名称应为1至64个汉字（可含数字）')
      .optional(),
    pinyin: z
      .string()
      .trim()
      .normalize('NFC')
      .regex(/^[A-Za-z\u00c0-\u024f' -]{1,255}$/, '罗马字母拼写只能含拼音字母、隔音符号和空格')
      .optional(),
    category: category.optional(),
    divisionCode: divisionCode.optional(),
    location: text(500, '位置描述').min(2, '请填写位置描述').optional(),
    lng: z.number().min(73).max(136).optional(),
    lat: z.number().min(3).max(54).optional(),
    meaning: text(2000, '含义').optional(),
    history: text(5000, '历史沿革').optional(),
    approvalBody: text(100, '批准机关').min(2, '请填写批准机关'),
    approvalDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '批准时间格式应为YYYY-MM-DD'),
  })
  .strict();

export const followBody = z.object({ divisionCode }).strict();
export const followParam = z.object({ code: divisionCode });

export const announcementsQuery = z.object({
  division: divisionCode.optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
});

export const apiKeyBody = z
  .object({
    holder: z.string().trim().min(2, '请填写使用单位').max(100),
    perMinute: z.number().int().min(1).max(6000).default(60),
  })
  .strict();

export const openSearchQuery = placeNameSearchQuery;
export const openDivisionParam = z.object({ code: divisionCode });

export const cultureBody = z
  .object({
    title: z.string().trim().min(2, '请填写标题').max(100, '标题最多100个字'),
    body: z.string().trim().min(20, '正文至少20个字').max(20_000, '正文最多20000个字'),
    source: text(200, '资料来源').optional(),
  })
  .strict();
export const cultureListQuery = z.object({ page: z.coerce.number().int().min(1).max(50).default(1) });
