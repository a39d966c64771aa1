import type { ElderlyApi } from './index';
import type { PlaceInput } from './register-place';

const ALL = ['intact', 'mild', 'moderate', 'severe', 'total'] as const;

/**
 * Demo places for `npm start` in 北京朝阳 (110105), 海淀 (110108) and 深圳南山 (440305); names,
 * prices and coordinates are illustrative. 高龄津贴 rules: 北京 80/90/100 周岁 at 100/500/800
 * 元/月 (北京市 高龄津贴 as published), 深圳 at illustrative amounts. Set once, never overwritten.
 */
export const DEMO_PLACES: PlaceInput[] = [
  {
    kind: 'institution',
    name: '朝阳区第一社会福利中心',
    divisionCode: '110105001003',
    address: '北京市朝阳区建国门外大街甲10号',
    lat: 39.9087,
    lng: 116.4536,
    phone: '010-65001234',
    hours: '全天24小时；探视 9:00-11:00，15:00-17:00',
    beds: 300,
    vacancies: 12,
    careLevels: [...ALL],
    stars: 5,
    intro: '公办养老机构，提供长期照护、失智照护和康复服务，配备医务室。',
    fees: [
      { item: '床位费（双人间）', unit: '元/月', priceCents: 250_000 },
      { item: '护理费（能力完好）', unit: '元/月', priceCents: 80_000 },
      { item: '护理费（完全失能）', unit: '元/月', priceCents: 400_000 },
      { item: '伙食费', unit: '元/月', priceCents: 120_000 },
      { item: '押金', unit: '元/次', priceCents: 500_000, note: '入住时收取，退住时结清退还；不收会员费' },
    ],
  },
  {
    kind: 'institution',
    name: '朝阳区恭和家园养老公寓',
    divisionCode: '110105010001',
    address: '北京市朝阳区望京街道广顺北大街16号',
    lat: 39.9958,
    lng: 116.4701,
    phone: '010-64701234',
    hours: '全天24小时',
    beds: 180,
    vacancies: 0,
    careLevels: ['intact', 'mild', 'moderate'],
    stars: 4,
    intro: '民办养老机构，以自理和半自理老人为主。',
    fees: [
      { item: '床位费（单人间）', unit: '元/月', priceCents: 580_000 },
      { item: '护理费', unit: '元/月', priceCents: 150_000 },
    ],
  },
  {
    kind: 'station',
    name: '建外街道社区养老服务驿站',
    divisionCode: '110105001002',
    address: '北京市朝阳区建外街道永安里东街3号',
    lat: 39.9069,
    lng: 116.4473,
    phone: '010-65002345',
    hours: '每天 8:00-18:00',
    beds: 8,
    vacancies: 3,
    careLevels: ['intact', 'mild', 'moderate'],
    stars: 3,
    intro: '日间照料、短期托养、助浴和上门服务。',
    fees: [
      { item: '日间照料', unit: '元/天', priceCents: 8_000 },
      { item: '短期托养', unit: '元/月', priceCents: 360_000 },
    ],
  },
  {
    kind: 'meal_point',
    name: '建外街道老年餐桌（永安里）',
    divisionCode: '110105001002',
    address: '北京市朝阳区建外街道永安里东街5号',
    lat: 39.9074,
    lng: 116.4481,
    phone: '010-65003456',
    hours: '午餐 11:00-13:00，晚餐 17:00-18:30',
    beds: 0,
    vacancies: 0,
    careLevels: [...ALL],
    stars: 0,
    intro: '两荤两素一汤，可送餐上门。',
    fees: [{ item: '午餐（补贴后）', unit: '元/餐', priceCents: 1_200 }],
  },
  {
    kind: 'institution',
    name: '海淀区温泉镇养老照料中心',
    divisionCode: '110108019001',
    address: '北京市海淀区温泉镇温泉路88号',
    lat: 40.0402,
    lng: 116.1865,
    phone: '010-62451234',
    hours: '全天24小时',
    beds: 220,
    vacancies: 40,
    careLevels: ['moderate', 'severe', 'total'],
    stars: 4,
    intro: '医养结合，专收失能、失智老人。',
    fees: [
      { item: '床位费', unit: '元/月', priceCents: 300_000 },
      { item: '护理费（重度失能）', unit: '元/月', priceCents: 350_000 },
    ],
  },
  {
    kind: 'institution',
    name: '南山区社会福利中心',
    divisionCode: '440305003001',
    address: '广东省深圳市南山区沙河街道白石路38号',
    lat: 22.5338,
    lng: 113.9742,
    phone: '0755-26601234',
    hours: '全天24小时',
    beds: 400,
    vacancies: 25,
    careLevels: [...ALL],
    stars: 5,
    intro: '公办养老机构，优先接收特困、低保及失能老人。',
    fees: [
      { item: '床位费', unit: '元/月', priceCents: 200_000 },
      { item: '护理费', unit: '元/月', priceCents: 150_000 },
    ],
  },
];

export const DEMO_RULES = [
  {
    prefix: '11',
    tiers: [
      { minAge: 80, monthlyCents: 10_000 },
      { minAge: 90, monthlyCents: 50_000 },
      { minAge: 100, monthlyCents: 80_000 },
    ],
  },
  {
    prefix: '4403',
    tiers: [
      { minAge: 70, monthlyCents: 20_000 },
      { minAge: 80, monthlyCents: 30_000 },
      { minAge: 90, monthlyCents: 50_000 },
    ],
  },
];

export async function seedElderlyDemo(api: ElderlyApi, system: Parameters<ElderlyApi['allowance']['setRule']>[0]) {
  for (const place of DEMO_PLACES) await api.registerPlace(place);
  const existing = new Set((await api.allowance.listRules()).items.map((r) => r.prefix));
  for (const rule of DEMO_RULES)
    if (!existing.has(rule.prefix)) await api.allowance.setRule(system, rule.prefix, rule.tiers);
}
