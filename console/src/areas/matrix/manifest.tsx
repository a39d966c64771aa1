import { ClusterOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 内容矩阵 (editor): member public accounts and their syncing, the curated feed, distribution to members. */
const manifest: AreaManifest = {
  key: 'matrix',
  label: '内容矩阵',
  icon: <ClusterOutlined />,
  roles: ['editor'],
  order: 35,
  summary: '成员公众号与同步状态、文章聚合（置顶、隐藏、标签）、向成员账号分发文章并跟踪进度',
  menu: [
    { path: 'matrix/members', label: '成员账号' },
    { path: 'matrix/articles', label: '文章聚合' },
    { path: 'matrix/distributions', label: '分发任务' },
  ],
  routes: [
    { path: 'matrix/members', page: () => import('./MembersPage') },
    { path: 'matrix/articles', page: () => import('./ArticlesPage') },
    { path: 'matrix/distributions', page: () => import('./DistributionsPage') },
  ],
};
export default manifest;
