import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth/scope';
import type { StaffPrincipal } from '../../platform/context';
import type { VolunteerDeps } from './deps';
import { activityNotFoundError, orgNotFoundError } from './errors';
import type { OrgRow } from './models';

/**
 * Who may act for a volunteer organization: an administrator; a 志愿服务管理 officer whose
 * divisions cover the organization's; or one of the organization's own admins (组织管理员).
 * Anything else answers 404, so staff of one place cannot learn another's records exist.
 */
export function makeAccess({ models }: VolunteerDeps) {
  async function adminOrgIds(staff: StaffPrincipal): Promise<number[]> {
    const rows = await models.OrgAdmin.findAll({ where: { staff_id: staff.id }, attributes: ['org_id'] });
    return rows.map((r) => r.org_id);
  }
  async function mayActFor(staff: StaffPrincipal, org: OrgRow): Promise<boolean> {
    if (staff.roles.includes('admin')) return true;
    if (staff.roles.includes('volunteer_officer') && coversDivision(staff, org.division_code)) return true;
    return (await models.OrgAdmin.count({ where: { org_id: org.id, staff_id: staff.id } })) > 0;
  }
  return {
    async org(staff: StaffPrincipal, orgId: number) {
      const org = await models.Org.findByPk(orgId);
      if (!org || !(await mayActFor(staff, org))) throw orgNotFoundError();
      return org;
    },
    async activity(staff: StaffPrincipal, activityId: number) {
      const activity = await models.Activity.findByPk(activityId);
      const org = activity && (await models.Org.findByPk(activity.org_id));
      if (!activity || !org || !(await mayActFor(staff, org))) throw activityNotFoundError();
      return { activity, org };
    },
    /** The organizations a staff member sees in lists (null: every one). */
    async visibleOrgIds(staff: StaffPrincipal): Promise<number[] | null> {
      if (staff.roles.includes('admin')) return null;
      const own = await adminOrgIds(staff);
      if (!staff.roles.includes('volunteer_officer')) return own;
      if (staff.scope.divisions.includes('')) return null;
      const byDivision = staff.scope.divisions.length
        ? await models.Org.findAll({
            where: { [Op.or]: staff.scope.divisions.map((p) => ({ division_code: { [Op.like]: `${p}%` } })) },
            attributes: ['id'],
          })
        : [];
      return [...new Set([...own, ...byDivision.map((o) => o.id)])];
    },
  };
}

export type Access = ReturnType<typeof makeAccess>;
