import type { StaffRole } from './types';

export const ROLE_NAMES: Record<StaffRole, string> = {
  admin: '系统管理员',
  hall_staff: '大厅窗口人员',
  org_officer: '社会组织登记管理',
  editor: '内容编辑',
  approver: '内容审核',
  assistance_officer: '社会救助经办',
  funeral_staff: '殡葬服务机构',
  volunteer_officer: '志愿服务管理',
  volunteer_organizer: '志愿服务组织管理员',
  placename_officer: '地名管理',
  elderly_staff: '养老机构工作人员',
  elderly_officer: '养老服务经办',
  station_staff: '救助管理站',
  community_staff: '村/居委会',
  social_work_officer: '社会工作管理',
  social_worker: '社工站工作人员',
};

export const ALL_ROLES = Object.keys(ROLE_NAMES) as StaffRole[];

/**
 * Whether an account holding `held` may use something that needs one of `needed` (none needed:
 * every signed-in account). The admin holds every role, as on the server.
 */
export function canUse(held: readonly StaffRole[], needed: readonly StaffRole[] | undefined): boolean {
  if (!needed || needed.length === 0) return true;
  if (held.includes('admin')) return true;
  return needed.some((r) => held.includes(r));
}
