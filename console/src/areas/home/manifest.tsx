import type { AreaManifest } from '../../app/types';

/** 首页: where every account lands; the route with the empty path is the console's index. */
const manifest: AreaManifest = {
  key: 'home',
  label: '首页',
  roles: [],
  order: 0,
  menu: [],
  routes: [{ path: '', page: () => import('./HomePage') }],
};
export default manifest;
