import { TeamOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 账号管理 (admin): staff accounts, their roles and scope, disabling, password resets. */
const manifest: AreaManifest = {
  key: 'accounts',
  label: '账号管理',
  icon: <TeamOutlined />,
  roles: ['admin'],
  order: 900,
  summary: '工作人员账号的新建、停用、角色与管辖范围、重置密码',
  menu: [{ path: 'accounts', label: '账号管理' }],
  routes: [{ path: 'accounts', page: () => import('./AccountsPage') }],
};
export default manifest;
