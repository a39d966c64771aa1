import { TeamOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 社会工作: the registry with its reminders, the station's inbox, supervision of records, statistics. */
const manifest: AreaManifest = {
  key: 'social-work',
  label: '社会工作',
  icon: <TeamOutlined />,
  roles: ['social_work_officer', 'social_worker'],
  order: 45,
  summary: '社工名册与登记提醒、社工站与机构登记、社工站求助分派、服务记录督导、统计、社会工作项目',
  menu: [
    { path: 'social-work/registry', label: '社工名册' },
    { path: 'social-work/stations', label: '社工站与机构', roles: ['social_work_officer'] },
    { path: 'social-work/inbox', label: '求助收件箱' },
    { path: 'social-work/supervision', label: '服务记录督导', roles: ['social_work_officer'] },
    { path: 'social-work/statistics', label: '求助统计' },
    { path: 'social-work/projects', label: '社工项目' },
  ],
  routes: [
    { path: 'social-work/registry', page: () => import('./RegistryPage') },
    { path: 'social-work/stations', page: () => import('./StationsPage'), roles: ['social_work_officer'] },
    { path: 'social-work/inbox', page: () => import('./InboxPage') },
    { path: 'social-work/supervision', page: () => import('./SupervisionPage'), roles: ['social_work_officer'] },
    { path: 'social-work/statistics', page: () => import('./StatisticsPage') },
    { path: 'social-work/projects', page: () => import('./ProjectsPage') },
  ],
};
export default manifest;
