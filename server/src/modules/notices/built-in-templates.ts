import type { TemplateRegistry } from './templates';

/**
 * Templates of the notices module itself. The template ids are those of the account's
 * console (category templates since 2023: fields thingN, timeN…; `first`/`remark` unused).
 */
export function registerBuiltInTemplates(templates: TemplateRegistry) {
  // Staff broadcasts: policy notices and announcements.
  templates.register<{ title: string; content: string; date: string }>({
    key: 'notices.broadcast',
    kind: 'policy',
    render: (d) => ({ title: d.title, body: `${d.content}（${d.date}）` }),
    mp: {
      templateId: 'TPL_mz_policy_notice_01',
      fields: (d) => ({ thing1: d.title, thing2: d.content, time3: d.date }),
    },
  });
}
