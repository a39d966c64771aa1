import { NotificationOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 公众号与通知 (editor, approver): broadcasts composed by an editor and approved by someone else. */
const manifest: AreaManifest = {
  key: 'notices',
  label: '公众号与通知',
  icon: <NotificationOutlined />,
  roles: ['editor', 'approver'],
  order: 30,
  summary: '向公众号关注者群发通知（撰写、他人审核、发送进度与发送记录），关键词回复、自定义菜单',
  menu: [
    { path: 'notices/broadcasts', label: '群发通知' },
    { path: 'notices/replies', label: '关键词回复', roles: ['editor'] },
    { path: 'notices/menu', label: '自定义菜单', roles: ['editor'] },
  ],
  routes: [
    { path: 'notices/broadcasts', page: () => import('./BroadcastsPage') },
    { path: 'notices/broadcasts/new', page: () => import('./ComposePage'), roles: ['editor'] },
    { path: 'notices/broadcasts/:id', page: () => import('./BroadcastPage') },
    { path: 'notices/replies', page: () => import('./RepliesPage'), roles: ['editor'] },
    { path: 'notices/menu', page: () => import('./MenuPage'), roles: ['editor'] },
  ],
};
export default manifest;
