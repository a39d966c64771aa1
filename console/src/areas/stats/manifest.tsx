import { BarChartOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 统计分析 (every staff role, within its scope): bookings, queue waits, complaints. */
const manifest: AreaManifest = {
  key: 'stats',
  label: '统计分析',
  icon: <BarChartOutlined />,
  roles: [],
  order: 800,
  summary: '预约、排队等候与投诉办理的统计，可下载 Excel',
  menu: [{ path: 'stats', label: '统计分析' }],
  routes: [{ path: 'stats', page: () => import('./StatsPage') }],
};
export default manifest;
