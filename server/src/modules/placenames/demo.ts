import type { StaffPrincipal } from '../../platform/context';
import type { PlaceNamesApi } from './index';

/**
 * Demo standard names for `npm start`, announced as 命名 by the seed account so the search, the
 * name pages and the announcement list have something to show. Illustrative approval data.
 */
const DEMO_NAMES = [
  {
    name: '天安门广场',
    pinyin: "Tian'anmen Guangchang",
    category: 'memorial',
    divisionCode: '110101',
    location: '东城区东长安街北侧，天安门以南',
    lng: 116.3975,
    lat: 39.9087,
    meaning: '因位于天安门前而得名',
    history: '明清时为宫廷广场，1950年代起多次扩建',
  },
  {
    name: '什刹海',
    pinyin: 'Shichahai',
    category: 'hydrography',
    divisionCode: '110102',
    location: '西城区地安门外大街西侧',
    lng: 116.3866,
    lat: 39.9415,
    meaning: '因周边旧有十座佛寺（十刹）而得名',
    history: '元代为积水潭一部分，明清称什刹海',
  },
  {
    name: '建国门外大街',
    pinyin: 'Jianguomenwai Dajie',
    category: 'transport',
    divisionCode: '110105',
    location: '朝阳区，西起建国门立交桥，东至大北窑',
    lng: 116.4461,
    lat: 39.9087,
    meaning: '位于建国门外',
    history: '原为通往通州的道路，1950年代拓宽并命名',
  },
] as const;

export async function seedPlaceNamesDemo(api: PlaceNamesApi, system: StaffPrincipal) {
  for (const n of DEMO_NAMES) {
    const { items } = await api.search.search({ q: n.name, page: 1, pageSize: 1 });
    if (items.some((i) => i.name === n.name)) continue;
    await api.announcements.publish(system, {
      action: 'name',
      ...n,
      approvalBody: '北京市人民政府',
      approvalDate: '2024-01-15',
    });
  }
}
