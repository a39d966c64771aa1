/**
 * Staff roles with their Chinese names, in the order the console offers them. The server's
 * role checks, the console's menus and the account form all read this one list.
 */
export const STAFF_ROLE_NAMES = {
  admin: '系统管理员',
  hall_staff: '大厅窗口人员',
  org_officer: '社会组织登记管理',
  editor: '内容编辑',
  approver: '内容审核',
  // 社会救助经办: 受理、调查、审核 at a 乡镇/街道, 确认 at a county, by the scope prefix's length.
  assistance_officer: '社会救助经办',
  // 殡仪馆、公墓工作人员: record a family's charges from the published fee list, in their divisions.
  funeral_staff: '殡葬服务机构',
  // 志愿服务管理: registers volunteer organizations and oversees them in their divisions.
  volunteer_officer: '志愿服务管理',
  // 志愿服务组织管理员: runs the activities of the organizations they are an admin of.
  volunteer_organizer: '志愿服务组织管理员',
  // 地名管理: publishes 地名备案公告 and keeps the standard names of their divisions.
  placename_officer: '地名管理',
  // 养老机构工作人员: keeps the places in their divisions current (vacancies, levels, fee lists).
  elderly_staff: '养老机构工作人员',
  // 养老服务经办: 高龄津贴 and 养老服务补贴 cases, 受理 at a 乡镇/街道, 审批 at a county.
  elderly_officer: '养老服务经办',
  // 救助管理站: publishes 寻亲公告 of the people in its care and follows up leads.
  station_staff: '救助管理站',
  // 村/居委会工作人员: publishes 居务/村务公开, confirms residents, moderates and runs votes and 换届.
  community_staff: '村/居委会',
  // 社会工作管理: the registry, stations, projects and 督导 review of service records in their divisions.
  social_work_officer: '社会工作管理',
  // 社工站工作人员: the station's request inbox; as a registered social worker, service records.
  social_worker: '社工站工作人员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLE_NAMES;
export const STAFF_ROLES = Object.keys(STAFF_ROLE_NAMES) as readonly StaffRole[];
