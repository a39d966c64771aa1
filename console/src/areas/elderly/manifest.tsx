import { HomeOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 养老服务: institutions' staff keep vacancies, levels and fee lists current (elderly_staff). */
const manifest: AreaManifest = {
  key: 'elderly',
  label: '养老服务',
  icon: <HomeOutlined />,
  roles: ['elderly_staff'],
  order: 35,
  summary: '养老机构、社区养老服务站和助餐点的床位、空床、可接收能力等级与收费清单',
  menu: [{ path: 'elderly', label: '机构床位与收费' }],
  routes: [{ path: 'elderly', page: () => import('./PlacesPage') }],
};
export default manifest;
