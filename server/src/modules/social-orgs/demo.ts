import type { StaffPrincipal } from '../../platform/context';
import { bulkInsertOrgs } from './bulk-insert';
import { addMonths } from '../../platform/clock';
import type { SocialOrgsApi } from './index';
import { syntheticOrgs } from './synthetic';

export const RED_CROSS_USCC = '53100000500019795A';

/**
 * Demo register: 中国红十字基金会 with its rating, organizations in each credit status, two
 * suspected illegal organizations, and a few hundred synthetic ones to search. Runs once:
 * it does nothing when the foundation is already on record.
 */
export async function seedSocialOrgsDemo(api: SocialOrgsApi, today: string): Promise<void> {
  if (await api.models.Org.findOne({ where: { uscc: RED_CROSS_USCC } })) return;
  const seed: StaffPrincipal = { id: 0, username: 'seed', roles: ['admin'], scope: { divisions: [''], halls: [] } };
  await api.orgs.create(seed, {
    uscc: RED_CROSS_USCC,
    name: '中国红十字基金会',
    type: 'foundation',
    authority: '中华人民共和国民政部',
    authorityLevel: 'national',
    divisionCode: '100000',
    supervisor: '中国红十字会总会',
    legalRepresentative: '孙硕鹏',
    registeredAt: '1994-04-20',
    registeredCapital: 8_000_000,
    address: '北京市东城区北新桥三条8号',
    businessScope: '开展人道救助、救灾救护、志愿服务等公益活动；资助红十字事业发展。',
    certificate: { validFrom: '2021-04-20', validTo: '2026-04-19' },
    status: 'active',
  });
  await api.creditLists.addRating(seed, RED_CROSS_USCC, {
    level: 5,
    validFrom: '2022-12-01',
    authority: '中华人民共和国民政部',
  });
  for (const year of [2022, 2023, 2024]) {
    await api.creditLists.addInspection(seed, RED_CROSS_USCC, { year, kind: 'annual_report', result: 'qualified' });
  }

  const make = syntheticOrgs(2026, today);
  const orgs = Array.from({ length: 300 }, (_, i) => make(90_000_000 + i)).map((o) => ({
    ...o,
    credit_status: 'normal' as const,
    entry: undefined,
  }));
  await bulkInsertOrgs(api.models.Org.sequelize!, orgs);
  // A few in each credit status, through the same decisions an officer makes.
  const [abnormal, abnormal2, serious] = orgs.filter((o) => o.status === 'active');
  await api.creditLists.putOnList(seed, abnormal.uscc, {
    list: 'abnormal',
    reasonCategory: 'annual_report_missing',
    decisionNo: `民异字〔${today.slice(0, 4)}〕8号`,
    authority: abnormal.authority,
    dateIn: addMonths(today, -2),
  });
  await api.creditLists.putOnList(seed, abnormal2.uscc, {
    list: 'abnormal',
    reasonCategory: 'warning_or_fine',
    decisionNo: `民异字〔${today.slice(0, 4)}〕15号`,
    authority: abnormal2.authority,
    dateIn: addMonths(today, -1),
  });
  await api.creditLists.putOnList(seed, serious.uscc, {
    list: 'serious',
    reasonCategory: 'ordered_stop',
    decisionNo: `民失字〔${today.slice(0, 4)}〕3号`,
    authority: serious.authority,
    dateIn: addMonths(today, -3),
  });

  await api.illegalOrgs.publish(seed, {
    name: '中华红十字慈善总会',
    authority: '民政部社会组织管理局',
    divisionCode: '110000',
    publishedAt: '2025-06-18',
    source: '中国社会组织动态·涉嫌非法社会组织名单',
  });
  await api.illegalOrgs.publish(seed, {
    name: '全球华人书画家联合总会',
    authority: '北京市民政局',
    divisionCode: '110000',
    publishedAt: '2025-09-02',
    source: '北京市民政局官网公告',
  });
}
