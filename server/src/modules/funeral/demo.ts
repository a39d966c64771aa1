import type { HuiminWaiver } from '@minzheng/contracts';
import type { PlaceInput } from './catalog';
import type { FuneralApi } from './index';

/**
 * Demo 殡仪馆 and 公墓 (fictional, marked 演示). The basic services, their prices and the per-body
 * cap of 1540 元 follow 雷州's published 惠民殡葬 list (湛民〔2018〕99号, services.md §5): 接运 3 元/公里
 * (free up to 160 公里), 消毒 90, 存放 80/天 × 3, 小型告别厅 230, 火化 250, 骨灰盒 150, 寄存
 * 50/年 × 2. The 选择性服务 prices are illustrative.
 */
const basic = '《殡葬管理条例》（2026年修订）；基本殡葬服务政府定价（演示，参照湛民〔2018〕99号）';
const guided = '《殡葬管理条例》（2026年修订）；选择性殡葬服务政府指导价（演示）';
const free = (maxQuantity: number | null = null) =>
  (['local', 'dibao', 'tekun', 'youfu'] as HuiminWaiver[]).map((kind) => ({
    kind,
    maxQuantity: kind === 'tekun' ? null : maxQuantity,
  }));

const homeFees: PlaceInput['fees'] = [
  {
    code: 'transfer',
    name: '遗体接运',
    feeClass: 'basic',
    unit: 'km',
    priceCents: 300,
    legalBasis: basic,
    waivers: free(160),
  },
  {
    code: 'disinfect',
    name: '遗体消毒',
    feeClass: 'basic',
    unit: 'time',
    priceCents: 9000,
    legalBasis: basic,
    waivers: free(),
  },
  {
    code: 'storage',
    name: '遗体冷藏存放',
    feeClass: 'basic',
    unit: 'day',
    priceCents: 8000,
    legalBasis: basic,
    waivers: free(3),
  },
  {
    code: 'farewell_small',
    name: '小型告别厅',
    feeClass: 'basic',
    unit: 'time',
    priceCents: 23000,
    legalBasis: basic,
    waivers: free(),
  },
  {
    code: 'cremation',
    name: '遗体火化',
    feeClass: 'basic',
    unit: 'body',
    priceCents: 25000,
    legalBasis: basic,
    waivers: free(),
  },
  {
    code: 'urn_basic',
    name: '基本骨灰盒',
    feeClass: 'basic',
    unit: 'piece',
    priceCents: 15000,
    legalBasis: basic,
    waivers: free(),
  },
  {
    code: 'ashes_keep',
    name: '骨灰寄存',
    feeClass: 'basic',
    unit: 'year',
    priceCents: 5000,
    legalBasis: basic,
    waivers: free(2),
  },
  {
    code: 'farewell_large',
    name: '大型告别厅',
    feeClass: 'optional',
    unit: 'time',
    priceCents: 120000,
    legalBasis: guided,
    waivers: [],
  },
  {
    code: 'makeup',
    name: '遗体整容',
    feeClass: 'optional',
    unit: 'time',
    priceCents: 30000,
    legalBasis: guided,
    waivers: [],
  },
  {
    code: 'urn_select',
    name: '骨灰盒（选择型）',
    feeClass: 'optional',
    unit: 'piece',
    priceCents: 80000,
    legalBasis: guided,
    waivers: [],
  },
];
const caps = { local: 154000, dibao: 154000, youfu: 154000 };
const homeServices = ['遗体接运', '冷藏存放', '守灵告别', '遗体火化', '骨灰寄存', '惠民殡葬减免'];

export const DEMO_PLACES: PlaceInput[] = [
  {
    kind: 'funeral_home',
    name: '朝阳区惠民殡仪馆（演示）',
    divisionCode: '110105',
    address: '北京市朝阳区示例路1号',
    phone: '010-12345678',
    hours: '24小时接运；业务办理 08:00-17:00',
    services: homeServices,
    waiverCaps: caps,
    fees: homeFees,
  },
  {
    kind: 'funeral_home',
    name: '海淀区惠民殡仪馆（演示）',
    divisionCode: '110108',
    address: '北京市海淀区示例路2号',
    phone: '010-87654321',
    hours: '24小时接运；业务办理 08:00-17:00',
    services: homeServices,
    waiverCaps: caps,
    fees: homeFees,
  },
  {
    kind: 'cemetery',
    name: '朝阳区福园公墓（演示）',
    divisionCode: '110105',
    address: '北京市朝阳区示例路9号',
    phone: '010-11112222',
    hours: '07:00-17:00（清明、冬至期间预约祭扫）',
    services: ['骨灰安葬', '生态葬', '祭扫', '墓穴维护'],
    waiverCaps: {},
    fees: [
      {
        code: 'eco_burial',
        name: '生态葬（树葬、花坛葬）',
        feeClass: 'basic',
        unit: 'piece',
        priceCents: 0,
        legalBasis: basic,
        waivers: [],
      },
      {
        code: 'maintenance',
        name: '墓穴维护管理费',
        feeClass: 'basic',
        unit: 'year',
        priceCents: 10000,
        legalBasis: basic,
        waivers: [],
      },
      {
        code: 'engraving',
        name: '碑文刻字',
        feeClass: 'optional',
        unit: 'piece',
        priceCents: 50000,
        legalBasis: guided,
        waivers: [],
      },
    ],
  },
];

export async function seedFuneralDemo(api: FuneralApi) {
  for (const place of DEMO_PLACES) await api.catalog.ensurePlace(place);
}
