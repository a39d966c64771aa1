import { HeartOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 志愿服务 (organizers and officers): activities, sign-up review, the on-site code, hours confirmation. */
const manifest: AreaManifest = {
  key: 'volunteer',
  label: '志愿服务',
  icon: <HeartOutlined />,
  roles: ['volunteer_officer', 'volunteer_organizer'],
  order: 40,
  summary: '志愿活动发布、报名审核、现场签到码与服务时长确认',
  menu: [
    { path: 'volunteer', label: '志愿活动' },
    { path: 'volunteer/orgs', label: '志愿服务组织' },
    { path: 'volunteer/certificates', label: '记录证明' },
    { path: 'volunteer/stats', label: '志愿服务统计' },
  ],
  routes: [
    { path: 'volunteer', page: () => import('./ActivitiesPage') },
    { path: 'volunteer/orgs', page: () => import('./OrgsPage') },
    { path: 'volunteer/orgs/:id/members', page: () => import('./MembersPage') },
    { path: 'volunteer/certificates', page: () => import('./CertificatesPage') },
    { path: 'volunteer/stats', page: () => import('./StatsPage') },
    { path: 'volunteer/activities/:id', page: () => import('./ActivityPage') },
    { path: 'volunteer/activities/:id/code', page: () => import('./CodeScreen') },
  ],
};
export default manifest;
