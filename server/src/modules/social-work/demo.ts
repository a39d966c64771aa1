import type { NeedCategory, SocialWorkerLevel } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import type { SocialWorkApi } from './index';

/** Demo 社工站 of 朝阳区 (fictional, marked 演示), with their workers and projects. */
const STATIONS: {
  name: string;
  divisionCode: string;
  address: string;
  lat: number;
  lng: number;
  services: NeedCategory[];
  description: string;
}[] = [
  {
    name: '建外街道社会工作服务站（演示）',
    divisionCode: '110105001',
    address: '北京市朝阳区建外街道办事处一层（演示地址）',
    lat: 39.9075,
    lng: 116.4466,
    services: ['elderly', 'disability', 'psychological', 'family'],
    description: '面向辖区低保、特困、困难老人和重度残疾人开展探访、照护支持和心理疏导。',
  },
  {
    name: '三里屯街道社会工作服务站（演示）',
    divisionCode: '110105004',
    address: '北京市朝阳区三里屯街道党群服务中心二层（演示地址）',
    lat: 39.9363,
    lng: 116.4537,
    services: ['children', 'family', 'psychological', 'other'],
    description: '关注留守、困境儿童和家庭关系调适，开展个案、小组和社区活动。',
  },
  {
    name: '呼家楼街道社会工作服务站（演示）',
    divisionCode: '110105003',
    address: '北京市朝阳区呼家楼街道社区服务中心（演示地址）',
    lat: 39.9232,
    lng: 116.4612,
    services: ['elderly', 'children', 'poverty'],
    description: '为困难家庭提供政策咨询、资源链接和转介服务。',
  },
];

const WORKERS: {
  name: string;
  level: SocialWorkerLevel;
  cert: string;
  certifiedOn: string;
  registeredOn?: string;
  station: number;
  staff?: string;
}[] = [
  {
    name: '李静',
    level: 'intermediate',
    cert: 'DEMO-SW-2022-0001',
    certifiedOn: '2022-06-18',
    registeredOn: '2022-09-01',
    station: 0,
    staff: 'socialwork.jianwai',
  },
  { name: '王晓东', level: 'assistant', cert: 'DEMO-SW-2026-0002', certifiedOn: '2026-03-20', station: 0 },
  {
    name: '陈悦',
    level: 'senior',
    cert: 'DEMO-SW-2021-0003',
    certifiedOn: '2021-05-10',
    registeredOn: '2024-05-20',
    station: 1,
  },
  {
    name: '赵敏',
    level: 'assistant',
    cert: 'DEMO-SW-2023-0004',
    certifiedOn: '2023-06-01',
    registeredOn: '2023-08-15',
    station: 1,
  },
  {
    name: '孙浩',
    level: 'intermediate',
    cert: 'DEMO-SW-2024-0005',
    certifiedOn: '2024-06-22',
    registeredOn: '2024-10-09',
    station: 2,
  },
];

/**
 * Seeds once: a station whose name exists is left alone. `staffIdOf` finds the demo account a
 * worker signs in with (so the station's demo account can write service records).
 */
export async function seedSocialWorkDemo(
  api: SocialWorkApi,
  system: StaffPrincipal,
  staffIdOf: (username: string) => number | undefined,
) {
  const existing = new Set((await api.models.Station.findAll({ attributes: ['name'] })).map((s) => s.name));
  if (STATIONS.every((s) => existing.has(s.name))) return;
  const ids: number[] = [];
  for (const s of STATIONS) {
    const { station } = await api.registry.createStation(system, {
      ...s,
      phone: '010-65000000',
      officeHours: '周一至周五 9:00-12:00，13:30-17:30',
    });
    ids.push(station.id);
  }
  for (const w of WORKERS) {
    const staffId = w.staff ? staffIdOf(w.staff) : undefined;
    await api.registry.registerWorker(system, {
      name: w.name,
      level: w.level,
      certificateNo: w.cert,
      certifiedOn: w.certifiedOn,
      registeredOn: w.registeredOn,
      divisionCode: STATIONS[w.station].divisionCode,
      stationId: ids[w.station],
      staffId,
    });
  }
  await api.projects.create(system, {
    title: '“银龄守护”独居老人探访项目（演示）',
    divisionCode: '110105001',
    category: 'elderly',
    stationId: ids[0],
    goals: '为辖区120名独居、高龄困难老人建立探访档案，每月至少探访一次，链接助餐、助医资源。',
    results: '已建档118人，累计探访1,046人次，转介助餐服务37人。',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
  });
  await api.projects.create(system, {
    title: '“护苗成长”困境儿童关爱项目（演示）',
    divisionCode: '110105004',
    category: 'children',
    stationId: ids[1],
    goals: '为困境儿童提供课业辅导、心理支持和家庭教育指导，完善“一人一档”。',
    results: '',
    startsOn: '2026-03-01',
  });
}
