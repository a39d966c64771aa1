import { TeamOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 救助寻亲 (station_staff): the station's notices and their follow-up, and the inbox of leads. */
const manifest: AreaManifest = {
  key: 'family-search',
  label: '救助寻亲',
  icon: <TeamOutlined />,
  roles: ['station_staff'],
  order: 60,
  summary: '本站寻亲公告的跟进（寻亲中 → 有线索 → 线索核实 → 已团聚/已安置）与线索收件箱',
  menu: [
    { path: 'family-search', label: '寻亲公告' },
    { path: 'family-search/leads', label: '线索收件箱' },
  ],
  routes: [
    { path: 'family-search', page: () => import('./NoticesPage') },
    { path: 'family-search/leads', page: () => import('./LeadsPage') },
  ],
};
export default manifest;
