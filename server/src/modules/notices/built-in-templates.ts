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
  // Real name: a verified owner took their ID number back from this account (消息 list only).
  templates.register<{ idNumber: string }>({
    key: 'identity.reclaimed',
    kind: 'system',
    render: (d) => ({
      title: '实名信息已解除',
      body: `本账号绑定的身份证号 ${d.idNumber} 已由证件本人通过实名核验取回，本账号已解除实名，此前用该实名办理的事项请以证件本人为准。如您是证件本人，请重新实名认证；如有疑问，请拨打服务热线。`,
    }),
  });
}
