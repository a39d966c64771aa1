import { FileTextOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/**
 * 殡葬服务 (funeral_staff of a 殡仪馆 or 公墓, by division): record a family's charges on a bill from
 * the published fee list only (惠民减免 and 您应付 computed by the server), and at a cemetery's gate
 * check in 祭扫 passes and book the 绿色通道 for elderly or disabled visitors in person.
 */
const manifest: AreaManifest = {
  key: 'funeral',
  label: '殡葬服务',
  icon: <FileTextOutlined />,
  roles: ['funeral_staff'],
  order: 38,
  summary: '按公示收费目录登记殡葬收费（惠民减免自动计算），祭扫入园核验与绿色通道',
  menu: [
    { path: 'funeral', label: '殡葬收费' },
    { path: 'funeral/gate', label: '祭扫核验' },
  ],
  routes: [
    { path: 'funeral', page: () => import('./BillsPage') },
    { path: 'funeral/gate', page: () => import('./GatePage') },
  ],
};
export default manifest;
