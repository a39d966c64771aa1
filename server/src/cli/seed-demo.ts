import type { App } from '../app';
import { seedAssistanceDemo } from '../modules/assistance/demo';
import { seedElderlyDemo } from '../modules/elderly/demo';
import { seedFuneralDemo } from '../modules/funeral/demo';
import { seedHallsDemo } from '../modules/halls/demo';
import { seedPlaceNamesDemo } from '../modules/placenames/demo';
import { seedSocialOrgsDemo } from '../modules/social-orgs/demo';
import { seedSocialWorkDemo } from '../modules/social-work/demo';

/** Demo staff for trying the product; their shared password is in the README. */
export const DEMO_PASSWORD = 'Demo-minzheng-2026';
const DEMO_STAFF = [
  {
    username: 'hall.chaoyang',
    displayName: '朝阳区婚姻登记处',
    roles: ['hall_staff'],
    scope: { divisions: ['110105'], halls: [] },
  },
  {
    username: 'org.beijing',
    displayName: '北京市社会组织管理局',
    roles: ['org_officer'],
    scope: { divisions: ['11'], halls: [] },
  },
  {
    username: 'editor.national',
    displayName: '民政部宣传编辑',
    roles: ['editor'],
    scope: { divisions: [''], halls: [] },
  },
  {
    username: 'approver.national',
    displayName: '民政部审核员',
    roles: ['approver'],
    scope: { divisions: [''], halls: [] },
  },
  {
    username: 'assistance.jianguomen',
    displayName: '建外街道社会救助窗口',
    roles: ['assistance_officer'],
    scope: { divisions: ['110105001'], halls: [] },
  },
  {
    username: 'placename.beijing',
    displayName: '北京市民政局区划地名处',
    roles: ['placename_officer'],
    scope: { divisions: ['11'], halls: [] },
  },
  {
    username: 'assistance.chaoyang',
    displayName: '朝阳区民政局社会救助科',
    roles: ['assistance_officer'],
    scope: { divisions: ['110105'], halls: [] },
  },
  {
    username: 'elderly.jianwai',
    displayName: '建外街道养老机构管理员',
    roles: ['elderly_staff'],
    scope: { divisions: ['110105001'], halls: [] },
  },
  {
    username: 'elderly.chaoyang',
    displayName: '朝阳区民政局养老服务科',
    roles: ['elderly_officer'],
    scope: { divisions: ['110105'], halls: [] },
  },
  {
    username: 'funeral.chaoyang',
    displayName: '朝阳区惠民殡仪馆',
    roles: ['funeral_staff'],
    scope: { divisions: ['110105'], halls: [] },
  },
  {
    username: 'socialwork.chaoyang',
    displayName: '朝阳区民政局社会工作科',
    roles: ['social_work_officer'],
    scope: { divisions: ['110105'], halls: [] },
  },
  {
    username: 'socialwork.jianwai',
    displayName: '建外街道社工站 李静',
    roles: ['social_worker'],
    scope: { divisions: ['110105001'], halls: [] },
  },
] as const;

/**
 * Seeds demo data once: every step checks what exists, so a second start changes nothing.
 * Modules add their own demo data here as they land.
 */
export async function seedDemo(app: App): Promise<void> {
  const existing = new Set((await app.modules.staff.accounts.list()).map((s: { username: string }) => s.username));
  const system = { id: 0, username: 'seed', roles: ['admin' as const], scope: { divisions: [''], halls: [] } };
  for (const s of DEMO_STAFF) {
    if (existing.has(s.username)) continue;
    await app.modules.staff.accounts.create(system, {
      ...s,
      roles: [...s.roles],
      scope: { divisions: [...s.scope.divisions], halls: [...s.scope.halls] },
      password: DEMO_PASSWORD,
    });
  }
  await seedSocialOrgsDemo(app.modules.socialOrgs, app.platform.clock.today());
  for (const { hallId, bookableServiceCodes } of await seedHallsDemo(app.modules.halls, system)) {
    for (const code of bookableServiceCodes) await app.modules.bookings.desk.setConfig(system, hallId, code, {});
  }
  await seedAssistanceDemo(app.modules.assistance, system);
  await seedFuneralDemo(app.modules.funeral);
  await seedPlaceNamesDemo(app.modules.placeNames, system);
  await seedElderlyDemo(app.modules.elderly, system);
  const accounts = new Map(
    (await app.modules.staff.accounts.list()).map((a: { id: number; username: string }) => [a.username, a.id]),
  );
  await seedSocialWorkDemo(app.modules.socialWork, system, (username) => accounts.get(username));
  // 动态 (the matrix feed) and its member accounts, so a fresh start shows articles.
  await app.modules.matrix.seedDemo();
}
