import { z } from 'zod';
import { badRequest } from './errors';

// Every message a citizen may read is Chinese, including zod's defaults.
z.config(z.locales.zhCN());

/** At most this many fields are named in one answer: enough to fix a form, never an echo of a flood. */
export const MAX_ERROR_FIELDS = 20;
const MAX_KEY_CHARS = 64;
const MAX_MESSAGE_CHARS = 200;
const UNKNOWN_KEYS_NAMED = 5;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
// A key keeps its start and its end (where an index or a name's tail tells two apart).
const cutKey = (key: string) =>
  key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS / 2 - 1)}…${key.slice(-(MAX_KEY_CHARS / 2))}` : key;

/**
 * Parses input at the edge; a failure is a 400 VALIDATION_FAILED naming the bad fields. What
 * the answer repeats of the input is bounded whatever was sent: at most MAX_ERROR_FIELDS
 * fields, keys and messages cut short, unknown keys named a few at a time (a body of 250 KB of
 * unknown keys once came back as 458 KB).
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  let named = 0;
  for (const issue of result.error.issues) {
    const key = cutKey(issue.path.map((part) => String(part)).join('.') || '_');
    if (key in fields) continue;
    if (named === MAX_ERROR_FIELDS) break;
    named++;
    fields[key] = cut(issueMessage(issue), MAX_MESSAGE_CHARS);
  }
  const first = Object.values(fields)[0];
  throw badRequest('VALIDATION_FAILED', `提交的信息有误：${first}`, fields);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const shown = issue.keys.slice(0, UNKNOWN_KEYS_NAMED).map((k) => `“${cut(k, 32)}”`);
  const more = issue.keys.length > UNKNOWN_KEYS_NAMED ? ` 等共 ${issue.keys.length} 个` : '';
  return `包含不支持的字段：${shown.join('、')}${more}`;
}

type Bare<T> =
  T extends z.ZodOptional<infer I>
    ? Bare<I>
    : T extends z.ZodDefault<infer I>
      ? Bare<I>
      : T extends z.ZodPrefault<infer I>
        ? Bare<I>
        : T;

function bare(field: z.core.SomeType): z.ZodType {
  let f = field as z.ZodType;
  while (f instanceof z.ZodOptional || f instanceof z.ZodDefault || f instanceof z.ZodPrefault)
    f = f.unwrap() as z.ZodType;
  return f;
}

/**
 * The PATCH of a create schema: every field optional and none with a default. `.partial()`
 * keeps the create schema's defaults, so a PATCH naming one field would reset every defaulted
 * field it did not name (a hall's `closedWeekdays`, its `active`). Unknown-key handling is the
 * create schema's.
 */
export function patchOf<Shape extends z.core.$ZodShape, Config extends z.core.$ZodObjectConfig>(
  schema: z.ZodObject<Shape, Config>,
) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) shape[key] = bare(field).optional();
  return schema.extend(shape) as unknown as z.ZodObject<
    { -readonly [K in keyof Shape]: z.ZodOptional<Bare<Shape[K]>> },
    Config
  >;
}

/** Query strings arrive as strings; these coerce them with the same error shape. */
export const q = {
  page: z.coerce.number().int('页码必须是整数').min(1, '页码从 1 开始').max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
};
