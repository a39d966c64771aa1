import { BankOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 服务大厅: the window desk (check-in, queue), the hall's settings, its TV display. */
const manifest: AreaManifest = {
  key: 'halls',
  label: '服务大厅',
  icon: <BankOutlined />,
  roles: ['hall_staff'],
  order: 10,
  summary: '窗口签到与叫号、今日预约、大厅开放时间与日历、二维码、叫号屏',
  menu: [{ path: 'halls', label: '服务大厅' }],
  routes: [
    { path: 'halls', page: () => import('./HallsPage') },
    { path: 'halls/:hallId/desk', page: () => import('./DeskPage') },
    { path: 'halls/:hallId/settings', page: () => import('./SettingsPage') },
    // The TV above the windows: no staff sign-in, only the hall's display token.
    { path: 'halls/:hallId/display', page: () => import('./DisplayPage'), bare: true },
  ],
};
export default manifest;
