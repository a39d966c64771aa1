import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import { wechatAppError } from '../../wechat';
import type { MpModels } from './index';
import type { Menu } from './schemas';

/** The menu before staff have saved one: the mini-program's tabs and the FAQ. */
export function defaultMenu(p: Platform): Menu {
  const appid = p.config.wechat.mini.appid;
  const mini = (name: string, pagepath: string) => ({
    type: 'miniprogram' as const,
    name,
    appid,
    pagepath,
    url: 'https://mp.weixin.qq.com',
  });
  return {
    button: [
      mini('在线办事', 'pages/services/index'),
      mini('我的消息', 'pages/messages/index'),
      {
        name: '服务指南',
        sub_button: [
          { type: 'click', name: '常见问题', key: 'FAQ' },
          { type: 'click', name: '办公时间', key: 'HOURS' },
          { type: 'click', name: '服务热线', key: 'HOTLINE' },
        ],
      },
    ],
  };
}

/** The menu is data: staff edit it here, then push it to WeChat (menu/create) — by endpoint or command. */
export function makeMenu(p: Platform, wechat: Wechat, { Menu: MenuTable }: MpModels) {
  const appid = p.config.wechat.mp.appid;
  const current = async () => {
    const row = await MenuTable.findOne({ where: { appid } });
    return {
      menu: row ? (JSON.parse(row.menu) as Menu) : defaultMenu(p),
      pushedAt: row?.pushed_at ? new Date(row.pushed_at).toISOString() : null,
      saved: Boolean(row),
    };
  };
  return {
    current,
    async save(staff: StaffPrincipal, menu: Menu) {
      const row = await MenuTable.findOne({ where: { appid } });
      if (row) await row.update({ menu: JSON.stringify(menu), updated_by: staff.id, pushed_at: null });
      else await MenuTable.create({ appid, menu: JSON.stringify(menu), updated_by: staff.id });
      await p.audit.record({ actor: { type: 'staff', id: staff.id }, action: 'mp.menu.save' });
      return current();
    },
    /** `staff` undefined: the CLI command. */
    async push(staff?: StaffPrincipal) {
      const { menu } = await current();
      await wechat.mp.createMenu(menu).catch((err: unknown) => {
        throw wechatAppError(err);
      });
      const [row] = await MenuTable.findOrCreate({ where: { appid }, defaults: { appid, menu: JSON.stringify(menu) } });
      await row.update({ pushed_at: p.clock.date() });
      await p.audit.record({
        actor: staff ? { type: 'staff', id: staff.id } : { type: 'system' },
        action: 'mp.menu.push',
      });
      return current();
    },
  };
}
