import { divisions, type Division } from '../divisions';
import { addMonths } from '../../platform/clock';
import type { OrgType } from './models';
import { makeUscc } from './uscc';

/**
 * Realistic synthetic organizations for the demo, the load seed and the search tests:
 * valid credit codes, plausible Chinese names, real divisions. Deterministic for a seed.
 */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

const TOPICS = [
  '书法家',
  '摄影家',
  '美术家',
  '音乐家',
  '舞蹈家',
  '作家',
  '戏剧家',
  '曲艺家',
  '民间文艺家',
  '收藏家',
  '诗词',
  '楹联',
  '京剧',
  '越剧',
  '黄梅戏',
  '围棋',
  '象棋',
  '桥牌',
  '太极拳',
  '武术',
  '篮球',
  '足球',
  '乒乓球',
  '羽毛球',
  '游泳',
  '登山',
  '马拉松',
  '老年体育',
  '青少年科技',
  '科普',
  '中医药',
  '护理',
  '营养',
  '心理咨询',
  '康复医学',
  '健康管理',
  '养老服务',
  '残疾人',
  '助残',
  '慈善',
  '志愿者',
  '红十字',
  '社会工作',
  '家庭教育',
  '学前教育',
  '民办教育',
  '职业教育',
  '企业家',
  '个体劳动者',
  '私营企业',
  '物流',
  '电子商务',
  '软件',
  '人工智能',
  '新能源',
  '汽车',
  '家政服务',
  '物业管理',
  '餐饮',
  '烹饪',
  '茶叶',
  '蔬菜',
  '水果',
  '花卉',
  '养蜂',
  '渔业',
  '畜牧',
  '农业技术',
  '种子',
  '农机',
  '旅游',
  '酒店',
  '会展',
  '广告',
  '律师',
  '会计',
  '税务师',
  '建筑',
  '装饰',
  '园林',
  '环保',
  '水利',
  '地质',
  '测绘',
  '气象',
  '消防',
  '安全生产',
  '质量',
  '标准化',
  '知识产权',
  '侨联',
  '台胞',
  '校友',
  '老干部',
  '退役军人',
  '妇女儿童',
  '青年创业',
  '大学生创业',
  '社区服务',
  '邻里互助',
  '禁毒',
  '法律援助',
  '调解',
  '动物保护',
  '文物保护',
] as const;
const SUFFIXES: Record<OrgType, readonly string[]> = {
  social_group: ['协会', '学会', '研究会', '促进会', '联合会', '商会', '联谊会'],
  social_service: ['服务中心', '培训学校', '发展中心', '研究院', '社会工作服务中心', '康复中心', '培训中心'],
  foundation: ['基金会', '慈善基金会', '教育基金会', '发展基金会'],
};
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宇浩凯鑫晨欣怡梓轩子涵雨博俊杰思远佳琪志海荣辉德永庆春';
const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '和平路',
  '新华路',
  '文化路',
  '学府路',
  '长江路',
  '黄河路',
  '滨江大道',
  '世纪大道',
  '朝阳路',
  '光明街',
];

function divisionPools() {
  // Mainland civil-affairs authorities only (not 71 Taiwan, 81 Hong Kong, 82 Macao).
  const all = divisions.all().filter((division) => !/^(71|81|82)/.test(division.code));
  return {
    provinces: all.filter((division) => division.level === 1),
    cities: all.filter((division) => division.level === 2),
    counties: all.filter((division) => division.level === 3 && !/^\d{4}00$/.test(division.code)),
  };
}

export interface SyntheticOrg {
  uscc: string;
  name: string;
  type: OrgType;
  authority: string;
  authority_level: string;
  division_code: string;
  supervisor: string | null;
  legal_rep: string;
  registered_at: string;
  registered_capital: number;
  address: string;
  business_scope: string;
  cert_valid_from: string;
  cert_valid_to: string;
  status: 'active' | 'revoked' | 'deregistered';
  credit_status: 'normal' | 'abnormal' | 'serious';
  /** The list entry behind a non-normal credit status. */
  entry?: {
    list: 'abnormal' | 'serious';
    reason_category: string;
    decision_no: string;
    date_in: string;
    correction_required: boolean;
  };
}

/** The n-th synthetic organization of a seeded series (orgSerial must be unique per run). */
export function syntheticOrgs(seed: number, today: string) {
  const r = rng(seed);
  const pools = divisionPools();
  const parentName = (division: Division) => (division.parent ? (divisions.get(division.parent)?.name ?? '') : '');
  return function make(orgSerial: number): SyntheticOrg {
    const type: OrgType = r.next() < 0.55 ? 'social_group' : r.next() < 0.85 ? 'social_service' : 'foundation';
    const lv = r.next();
    let level: string, division: string, authority: string, region: string;
    if (lv < 0.02) {
      level = 'national';
      division = '100000';
      authority = '中华人民共和国民政部';
      region = r.pick(['中国', '中华']);
    } else if (lv < 0.15) {
      const province = r.pick(pools.provinces);
      level = 'provincial';
      division = province.code;
      authority = `${province.name}民政厅`;
      region = province.name;
    } else if (lv < 0.4) {
      const c = r.pick(pools.cities);
      level = 'city';
      division = c.code;
      authority = `${c.name}民政局`;
      region = c.name.length > 2 ? c.name : `${parentName(c)}${c.name}`;
    } else {
      const c = r.pick(pools.counties);
      const city = parentName(c);
      level = 'county';
      division = c.code;
      authority = `${city}${c.name}民政局`;
      region = `${city}${c.name}`;
    }
    if (/^(11|12|31|50)/.test(division) && level === 'provincial') authority = `${divisions.get(division)!.name}民政局`;
    const topic = r.pick(TOPICS);
    const name = `${region}${topic}${r.pick(SUFFIXES[type])}`.slice(0, 100);
    const typeDigit = { social_group: '1', social_service: '2', foundation: '3' }[type];
    const uscc = makeUscc(typeDigit, division, String(orgSerial % 100_000_000).padStart(8, '0'));
    const registered = `${r.int(1990, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    // Certificates run 5 years and are renewed: the current one started on the last renewal.
    let certFrom = addMonths(
      registered,
      60 * Math.floor((Number(today.slice(0, 4)) - Number(registered.slice(0, 4))) / 5),
    );
    if (certFrom > today) certFrom = addMonths(certFrom, -60);
    const st = r.next();
    const credit = r.next();
    const org: SyntheticOrg = {
      uscc,
      name,
      type,
      authority,
      authority_level: level,
      division_code: division,
      supervisor:
        type === 'foundation' || r.next() < 0.5
          ? null
          : `${region.slice(0, 12)}${r.pick(['文化和旅游局', '教育局', '科学技术协会', '卫生健康委员会', '体育局', '农业农村局'])}`,
      legal_rep: `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.next() < 0.6 ? r.pick([...GIVEN]) : ''}`,
      registered_at: registered,
      registered_capital: type === 'foundation' ? r.int(200, 8000) * 10_000 : r.int(3, 50) * 10_000,
      address: `${region}${r.pick(ROADS)}${r.int(1, 999)}号`,
      business_scope: `${topic}领域的学术交流、业务培训、咨询服务、公益活动`,
      cert_valid_from: certFrom,
      cert_valid_to: addMonths(certFrom, 60),
      status: st < 0.97 ? 'active' : st < 0.99 ? 'deregistered' : 'revoked',
      credit_status: 'normal',
    };
    // ~3% abnormal (listed within the last 5 months, needing correction), ~0.5% serious.
    if (credit < 0.03) {
      org.credit_status = 'abnormal';
      org.entry = {
        list: 'abnormal',
        reason_category: r.pick(['annual_report_missing', 'unreachable', 'correction_overdue']),
        decision_no: `民异字〔${today.slice(0, 4)}〕${r.int(1, 9999)}号`,
        date_in: addMonths(today, -r.int(0, 5)),
        correction_required: true,
      };
    } else if (credit < 0.035) {
      org.credit_status = 'serious';
      org.entry = {
        list: 'serious',
        reason_category: r.pick(['ordered_stop', 'large_fine', 'court_dishonest', 'repeated_penalties']),
        decision_no: `民失字〔${today.slice(0, 4)}〕${r.int(1, 9999)}号`,
        date_in: addMonths(today, -r.int(0, 20)),
        correction_required: false,
      };
    }
    return org;
  };
}
