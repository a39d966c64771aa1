import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/**
 * 社会救助 (assistance_officer): the inbox of 低保, 特困, 临时救助 cases by due date, one case, batch
 * approval; 公示 management, 发放记录, 监督举报, the local standards, the 近亲属 register and the statistics.
 */
const manifest: AreaManifest = {
  key: 'assistance',
  label: '社会救助',
  icon: <SafetyCertificateOutlined />,
  roles: ['assistance_officer'],
  order: 30,
  summary: '低保、特困、临时救助的受理、调查、审核审批，按法定时限提醒',
  menu: [
    { path: 'assistance', label: '待办案件' },
    { path: 'assistance/publicity', label: '公示管理' },
    { path: 'assistance/payments', label: '发放记录' },
    { path: 'assistance/reports', label: '监督举报' },
    { path: 'assistance/standards', label: '救助标准' },
    { path: 'assistance/kin', label: '近亲属备案' },
    { path: 'assistance/statistics', label: '救助统计' },
  ],
  routes: [
    { path: 'assistance', page: () => import('./InboxPage') },
    { path: 'assistance/cases/:id', page: () => import('./CasePage') },
    { path: 'assistance/publicity', page: () => import('./PublicityPage') },
    { path: 'assistance/payments', page: () => import('./PaymentsPage') },
    { path: 'assistance/reports', page: () => import('./ReportsPage') },
    { path: 'assistance/standards', page: () => import('./StandardsPage') },
    { path: 'assistance/kin', page: () => import('./KinPage') },
    { path: 'assistance/statistics', page: () => import('./StatisticsPage') },
  ],
};
export default manifest;
