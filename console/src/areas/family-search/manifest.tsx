import { TeamOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 救助寻亲 (station_staff): the station's notices and their follow-up, and the inbox of leads. */
const manifest: AreaManifest = {
  key: 'family-search',
  label: '救助寻亲',
  icon: <TeamOutlined />,
  roles: ['station_staff'],
  order: 60,
  summary:
    '本站寻亲公告的跟进（寻亲中 → 有线索 → 线索核实 → 已团聚/已安置）、线索收件箱、易走失人员查寻、扩大推送审批与统计',
  menu: [
    { path: 'family-search', label: '寻亲公告' },
    { path: 'family-search/leads', label: '线索收件箱' },
    { path: 'family-search/wanderers', label: '易走失人员查寻' },
    { path: 'family-search/pushes', label: '扩大推送审批' },
    { path: 'family-search/stats', label: '寻亲统计' },
  ],
  routes: [
    { path: 'family-search', page: () => import('./NoticesPage') },
    { path: 'family-search/leads', page: () => import('./LeadsPage') },
    { path: 'family-search/wanderers', page: () => import('./WanderersPage') },
    { path: 'family-search/pushes', page: () => import('./PushesPage') },
    { path: 'family-search/stats', page: () => import('./StatsPage') },
  ],
};
export default manifest;
