import { ApartmentOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 社会组织 (org_officer): the register and each organization's record, the suspected-illegal list, imports, complaints. */
const manifest: AreaManifest = {
  key: 'social-orgs',
  label: '社会组织',
  icon: <ApartmentOutlined />,
  roles: ['org_officer'],
  order: 20,
  summary: '登记名录与信用记录、涉嫌非法社会组织、批量导入、投诉举报',
  menu: [
    { path: 'social-orgs', label: '登记名录' },
    { path: 'social-orgs/complaints', label: '投诉举报' },
    { path: 'social-orgs/illegal', label: '涉嫌非法社会组织' },
    { path: 'social-orgs/import', label: '批量导入' },
  ],
  routes: [
    { path: 'social-orgs', page: () => import('./RegisterPage') },
    { path: 'social-orgs/complaints', page: () => import('./ComplaintsPage') },
    { path: 'social-orgs/illegal', page: () => import('./IllegalPage') },
    { path: 'social-orgs/import', page: () => import('./ImportPage') },
    { path: 'social-orgs/:uscc', page: () => import('./OrgPage') },
  ],
};
export default manifest;
