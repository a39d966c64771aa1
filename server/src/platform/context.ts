import type { RouterContext } from '@koa/router';
import type Router from '@koa/router';
import type { Logger } from './logger';

export interface CitizenPrincipal {
  userId: number;
  openid: string;
}

export type StaffRole =
  | 'admin'
  | 'hall_staff'
  | 'org_officer'
  | 'editor'
  | 'approver'
  | 'assistance_officer'
  | 'funeral_staff'
  | 'volunteer_officer'
  | 'volunteer_organizer'
  | 'placename_officer'
  | 'elderly_staff'
  | 'elderly_officer'
  | 'station_staff'
  | 'community_staff'
  | 'social_work_officer'
  | 'social_worker';
export const STAFF_ROLES: readonly StaffRole[] = [
  'admin',
  'hall_staff',
  'org_officer',
  'editor',
  'approver',
  // 社会救助经办: 受理、调查、审核 at a 乡镇/街道, 确认 at a county, by the scope prefix's length.
  'assistance_officer',
  // 殡仪馆、公墓工作人员: record a family's charges from the published fee list, in their divisions.
  'funeral_staff',
  // 志愿服务管理: registers volunteer organizations and oversees them in their divisions.
  'volunteer_officer',
  // 志愿服务组织管理员: runs the activities of the organizations they are an admin of.
  'volunteer_organizer',
  // 地名管理: publishes 地名备案公告 and keeps the standard names of their divisions.
  'placename_officer',
  // 养老机构工作人员: keeps the places in their divisions current (vacancies, levels, fee lists).
  'elderly_staff',
  // 养老服务经办: 高龄津贴 and 养老服务补贴 cases, 受理 at a 乡镇/街道, 审批 at a county.
  'elderly_officer',
  // 救助管理站: publishes 寻亲公告 of the people in its care and follows up leads.
  'station_staff',
  // 村/居委会工作人员: publishes 居务/村务公开, confirms residents, moderates and runs votes and 换届.
  'community_staff',
  // 社会工作管理: the registry, stations, projects and 督导 review of service records in their divisions.
  'social_work_officer',
  // 社工站工作人员: the station's request inbox; as a registered social worker, service records.
  'social_worker',
];

export interface StaffPrincipal {
  id: number;
  username: string;
  roles: StaffRole[];
  /**
   * Division-code prefixes ('' = nationwide) and hall ids this account may act on. A prefix's
   * length is also the level the account acts at: 2 省, 4 市, 6 县, 9 乡镇/街道.
   */
  scope: { divisions: string[]; halls: number[] };
}

export interface AppState {
  requestId: string;
  log: Logger;
  citizen?: CitizenPrincipal;
  staff?: StaffPrincipal;
}

export type AppContext = RouterContext<AppState>;
export type AppRouter = Router<AppState>;
