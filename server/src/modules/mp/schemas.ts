import { z } from 'zod';
import { patchOf } from '../../platform/validation';

const divisionCode = z.string().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字');
const tag = z.string().trim().min(1, '请填写标签').max(30, '标签最多 30 个字');

export const segmentSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('region'), divisionCode }),
    z.object({ kind: z.literal('hall'), hallId: z.number().int().positive('大厅编号无效') }),
    // Tags and lists from other modules reach wherever their members are: narrowed to a region
    // by `divisionCode`, else nationwide (and only a nationwide account may send to them).
    z.object({ kind: z.literal('tag'), tag, divisionCode: divisionCode.optional() }),
    z.object({ kind: z.literal('scene'), scene: z.string().min(1).max(64) }),
    z.object({
      kind: z.literal('users'),
      source: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '推送对象类型无效'),
      params: z.record(z.string(), z.union([z.string().max(64), z.number()])).optional(),
      divisionCode: divisionCode.optional(),
    }),
  ],
  { error: '请选择推送对象' },
);
export type Segment = z.infer<typeof segmentSchema>;

// WeChat counts a button's name in UTF-8 bytes: 16 for a top button (4 汉字), 60 for a sub-button
// (20 汉字); menu/create refuses a longer one (40018), so it is refused here, at saving, by field.
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const buttonName = (maxBytes: number, message: string) =>
  z
    .string({ error: '请填写菜单名称' })
    .trim()
    .min(1, '请填写菜单名称')
    .max(60, message)
    .refine((name) => utf8Bytes(name) <= maxBytes, message);
const topName = buttonName(16, '一级菜单名称最多 4 个汉字（16 字节）');
const subName = buttonName(60, '子菜单名称最多 20 个汉字（60 字节）');
const leafOf = (name: typeof topName) =>
  z.discriminatedUnion(
    'type',
    [
      z.object({
        type: z.literal('click'),
        name,
        key: z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, '菜单键只能包含字母、数字和 _:-'),
      }),
      z.object({ type: z.literal('view'), name, url: z.string().url('请填写有效的网址').max(1000) }),
      z.object({
        type: z.literal('miniprogram'),
        name,
        appid: z.string().regex(/^wx[0-9a-zA-Z]{8,30}$/, '小程序 appid 无效'),
        pagepath: z.string().regex(/^[A-Za-z0-9_/-]{1,200}(\?[\S]{0,200})?$/, '页面路径无效'),
        url: z.string().url('请填写备用网址'),
      }),
    ],
    { error: '菜单类型无效' },
  );
const group = z.object({
  name: topName,
  sub_button: z.array(leafOf(subName)).min(1, '子菜单至少 1 项').max(5, '子菜单最多 5 项'),
});
export const menuSchema = z.object({
  button: z
    .array(z.union([group, leafOf(topName)]))
    .min(1, '至少需要 1 个菜单')
    .max(3, '一级菜单最多 3 个'),
});
export type Menu = z.infer<typeof menuSchema>;

export const replyBody = z.object({
  keywords: z
    .array(z.string().trim().min(1).max(20, '关键词最多 20 个字'))
    .min(1, '至少填写 1 个关键词')
    .max(20, '关键词最多 20 个'),
  question: z.string().trim().min(1, '请填写问题').max(200, '问题最多 200 个字'),
  answer: z.string().trim().min(1, '请填写答复').max(1500, '答复最多 1500 个字'),
  enabled: z.boolean().optional(),
});
export const replyPatch = patchOf(replyBody);
export const idParam = z.object({ id: z.coerce.number().int().positive('编号无效') });

export const sceneBody = z.object({
  kind: z.enum(['hall', 'campaign'], { error: '二维码类型应为 hall 或 campaign' }),
  title: z.string().trim().min(1, '请填写名称').max(100, '名称最多 100 个字'),
  hallId: z.number().int().positive('大厅编号无效').optional(),
  divisionCode: divisionCode.optional(),
  days: z.number().int().min(1, '有效期至少 1 天').max(30, '临时二维码最长 30 天').optional(),
});

export const tagBody = z.object({
  tag,
  openids: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'openid 无效'))
    .min(1)
    .max(1000),
});
export const segmentBody = z.object({ segment: segmentSchema });
