import type { AreaManifest } from '../../app/types';

/** 我的账号: what every signed-in account may do for itself (reached from the user menu). */
const manifest: AreaManifest = {
  key: 'account',
  label: '我的账号',
  roles: [],
  order: 1000,
  menu: [],
  routes: [{ path: 'account/password', page: () => import('./ChangePasswordPage') }],
};
export default manifest;
