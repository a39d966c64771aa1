import { NotificationOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 公众号与通知 (editor, approver): broadcasts composed by an editor and approved by someone else. */
const manifest: AreaManifest = {
  key: 'notices',
  label: '群发通知',
  icon: <NotificationOutlined />,
  roles: ['editor', 'approver'],
  order: 30,
  summary: '向公众号关注者群发通知：撰写、他人审核、发送进度与每条发送记录',
  menu: [{ path: 'notices/broadcasts', label: '群发通知' }],
  routes: [
    { path: 'notices/broadcasts', page: () => import('./BroadcastsPage') },
    { path: 'notices/broadcasts/new', page: () => import('./ComposePage'), roles: ['editor'] },
    { path: 'notices/broadcasts/:id', page: () => import('./BroadcastPage') },
  ],
};
export default manifest;
