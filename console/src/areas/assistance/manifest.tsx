import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 社会救助 (assistance_officer): the inbox of 低保, 特困, 临时救助 cases by due date, one case, batch approval. */
const manifest: AreaManifest = {
  key: 'assistance',
  label: '社会救助',
  icon: <SafetyCertificateOutlined />,
  roles: ['assistance_officer'],
  order: 30,
  summary: '低保、特困、临时救助的受理、调查、审核审批，按法定时限提醒',
  menu: [{ path: 'assistance', label: '社会救助' }],
  routes: [
    { path: 'assistance', page: () => import('./InboxPage') },
    { path: 'assistance/cases/:id', page: () => import('./CasePage') },
  ],
};
export default manifest;
