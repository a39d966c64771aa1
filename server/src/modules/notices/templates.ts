/**
 * A notice template, registered by key by the module that sends it. `render` turns the
 * sender's data into what the 消息 list shows; WeChat channels (public-account template,
 * subscribe message) map the same data onto their fields.
 */
export type NoticeKind = 'booking' | 'application' | 'complaint' | 'credit' | 'policy' | 'queue' | 'system';

export interface NoticeTemplate<D = Record<string, string>> {
  key: string;
  kind: NoticeKind;
  render(data: D): { title: string; body: string };
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
  };
}
