import { NOTICE_KINDS, type NoticeKind } from '@minzheng/contracts';
/**
 * A notice template, registered by key by the module that sends it. `render` turns the
 * sender's data into what the 消息 list shows; `mp` and `mini` map the same data onto the
 * fields of a public-account template message and a mini-program subscribe message (a
 * template without them is shown in the 消息 list only).
 */
export { NOTICE_KINDS, type NoticeKind };

export interface WechatMapping<D> {
  /** The template's id in the WeChat console. */
  templateId: string;
  /** data → WeChat fields, e.g. `{thing1: d.service, time2: d.date}`; limits are enforced after. */
  fields(data: D): Record<string, string>;
}

export interface NoticeTemplate<D = Record<string, string>> {
  key: string;
  kind: NoticeKind;
  render(data: D): { title: string; body: string };
  mp?: WechatMapping<D>;
  mini?: WechatMapping<D>;
}

export function createTemplateRegistry() {
  const templates = new Map<string, NoticeTemplate<any>>();
  return {
    register<D>(t: NoticeTemplate<D>) {
      templates.set(t.key, t);
    },
    get(key: string): NoticeTemplate<any> {
      const t = templates.get(key);
      if (!t) throw new Error(`notice template ${key} is not registered`);
      return t;
    },
    has(key: string): boolean {
      return templates.has(key);
    },
  };
}

export type TemplateRegistry = ReturnType<typeof createTemplateRegistry>;

/**
 * WeChat's limits on field values, by the key's prefix (thing1 → thing). Text fields are
 * shortened with an ellipsis; fields with a format must already have it (a sender's bug).
 */
const LIMITS: Record<string, { max: number; pattern?: RegExp; truncate?: boolean }> = {
  thing: { max: 20, truncate: true },
  name: { max: 10, truncate: true },
  phrase: { max: 5, truncate: true },
  const: { max: 20, truncate: true },
  character_string: { max: 32, pattern: /^[A-Za-z0-9_\-.:/#]*$/ },
  number: { max: 32, pattern: /^-?\d+(\.\d+)?$/ },
  letter: { max: 32, pattern: /^[A-Za-z]*$/ },
  symbol: { max: 5 },
  phone_number: { max: 17, pattern: /^[+\d\- ()]*$/ },
  car_number: { max: 8 },
  amount: { max: 32, pattern: /^[¥￥]?-?\d+(\.\d{1,2})?元?$/ },
  time: { max: 32 },
  date: { max: 32 },
};

export class TemplateFieldError extends Error {}

export function fitFields(fields: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(fields)) {
    if (!/^[a-z_]+\d+$/.test(key)) throw new TemplateFieldError(`field ${key} is not a WeChat field name`);
    const rule = LIMITS[key.replace(/\d+$/, '')];
    let value = String(raw ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const chars = [...value];
    if (rule) {
      if (chars.length > rule.max) {
        if (!rule.truncate) throw new TemplateFieldError(`field ${key} is longer than ${rule.max}`);
        value = `${chars.slice(0, rule.max - 1).join('')}…`;
      }
      if (rule.pattern && !rule.pattern.test(value)) throw new TemplateFieldError(`field ${key} has the wrong format`);
    }
    out[key] = { value };
  }
  return out;
}
