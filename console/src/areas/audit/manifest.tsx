import { AuditOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 审计日志 (admin): who read or changed what. */
const manifest: AreaManifest = {
  key: 'audit',
  label: '审计日志',
  icon: <AuditOutlined />,
  roles: ['admin'],
  order: 910,
  summary: '谁在什么时候查阅或修改了哪条记录',
  menu: [{ path: 'audit', label: '审计日志' }],
  routes: [{ path: 'audit', page: () => import('./AuditPage') }],
};
export default manifest;
