import { EnvironmentOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 区划地名 (placename_officer): the register of the officer's divisions and 地名备案公告. */
const manifest: AreaManifest = {
  key: 'placenames',
  label: '区划地名',
  icon: <EnvironmentOutlined />,
  roles: ['placename_officer'],
  order: 65,
  summary: '本辖区标准地名登记，命名、更名、销名的批准与备案公告',
  menu: [
    { path: 'placenames', label: '地名登记' },
    { path: 'placenames/announcements', label: '备案公告' },
  ],
  routes: [
    { path: 'placenames', page: () => import('./RegisterPage') },
    { path: 'placenames/announcements', page: () => import('./AnnouncementsPage') },
  ],
};
export default manifest;
