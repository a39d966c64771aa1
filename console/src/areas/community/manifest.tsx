import { TeamOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 社区治理 (村/居委会): 居务/村务公开, residents to confirm, 议事协商 and its votes, 换届, the community's page. */
const manifest: AreaManifest = {
  key: 'community',
  label: '社区治理',
  icon: <TeamOutlined />,
  roles: ['community_staff'],
  order: 70,
  summary: '居务/村务公开、居民确认、议事协商与投票、换届选举、村/社区信息',
  menu: [
    { path: 'community', label: '居务公开' },
    { path: 'community/residents', label: '居民确认' },
    { path: 'community/proposals', label: '议事协商' },
    { path: 'community/elections', label: '换届选举' },
    { path: 'community/profile', label: '村/社区信息' },
  ],
  routes: [
    { path: 'community', page: () => import('./NoticesPage') },
    { path: 'community/residents', page: () => import('./ResidentsPage') },
    { path: 'community/proposals', page: () => import('./ProposalsPage') },
    { path: 'community/elections', page: () => import('./ElectionsPage') },
    { path: 'community/profile', page: () => import('./ProfilePage') },
  ],
};
export default manifest;
