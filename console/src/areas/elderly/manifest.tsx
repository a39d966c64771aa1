import { HomeOutlined } from '@ant-design/icons';
import type { AreaManifest } from '../../app/types';

/** 养老服务: institutions' staff keep vacancies, levels and fee lists current, publish 助餐 menus and read the day's orders, open 能力评估 slots and record levels (elderly_staff); officers review 高龄津贴 and 养老服务补贴 and keep the 助餐补贴 rules (elderly_officer); a hall's window confirms a family link for an elder without a phone (elderly_officer, hall_staff). */
const manifest: AreaManifest = {
  key: 'elderly',
  label: '养老服务',
  icon: <HomeOutlined />,
  roles: ['elderly_staff', 'elderly_officer', 'hall_staff'],
  order: 35,
  summary: '养老机构、社区养老服务站和助餐点的床位、空床、可接收能力等级与收费清单',
  menu: [
    { path: 'elderly', label: '机构床位与收费', roles: ['elderly_staff'] },
    { path: 'elderly/meals', label: '助餐管理', roles: ['elderly_staff'] },
    { path: 'elderly/assessments', label: '能力评估', roles: ['elderly_staff'] },
    { path: 'elderly/cases', label: '养老补贴审核', roles: ['elderly_officer'] },
    { path: 'elderly/meal-rules', label: '助餐补贴规则', roles: ['elderly_officer'] },
    { path: 'elderly/family-links', label: '亲属绑定窗口确认', roles: ['elderly_officer', 'hall_staff'] },
  ],
  routes: [
    { path: 'elderly', page: () => import('./PlacesPage'), roles: ['elderly_staff'] },
    { path: 'elderly/meals', page: () => import('./MealsPage'), roles: ['elderly_staff'] },
    { path: 'elderly/assessments', page: () => import('./AssessmentsPage'), roles: ['elderly_staff'] },
    { path: 'elderly/cases', page: () => import('./CasesPage'), roles: ['elderly_officer'] },
    { path: 'elderly/meal-rules', page: () => import('./MealRulesPage'), roles: ['elderly_officer'] },
    {
      path: 'elderly/family-links',
      page: () => import('./FamilyLinksPage'),
      roles: ['elderly_officer', 'hall_staff'],
    },
  ],
};
export default manifest;
