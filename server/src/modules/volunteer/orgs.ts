import { Op, QueryTypes, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import type { StaffPrincipal } from '../../platform/context';
import type { Access } from './access';
import type { VolunteerDeps } from './deps';
import { divisionOutOfScopeError, orgNameTakenError, socialOrgNotFoundError, staffNotFoundError } from './errors';
import type { OrgRow } from './models';
import type { orgBody } from './schemas';

/** An organization whose confirmed hours are mostly manual entries is flagged to staff. */
export const MANUAL_SHARE_FLAG = 0.5;

/** 志愿服务组织: registered by staff, optionally linked to a social organization by its credit code. */
export function makeOrgs(deps: VolunteerDeps, access: Access) {
  const { p, models, socialOrgs, staff: staffApi } = deps;

  async function hoursOf(orgIds: number[]) {
    if (!orgIds.length) return new Map<number, { total: number; manual: number }>();
    const rows = (await p.db.query(
      `SELECT org_id, SUM(minutes) AS total, SUM(CASE WHEN kind = 'manual' THEN minutes ELSE 0 END) AS manual
         FROM volunteer_hours_ledger WHERE org_id IN (:ids) GROUP BY org_id`,
      { replacements: { ids: orgIds }, type: QueryTypes.SELECT },
    )) as { org_id: number; total: number | string; manual: number | string }[];
    return new Map(rows.map((r) => [Number(r.org_id), { total: Number(r.total), manual: Number(r.manual) }]));
  }

  const view = (o: OrgRow, hours?: { total: number; manual: number }) => {
    const total = hours?.total ?? 0;
    const manual = hours?.manual ?? 0;
    const manualShare = total > 0 ? manual / total : 0;
    return {
      id: o.id,
      name: o.name,
      divisionCode: o.division_code,
      uscc: o.uscc,
      contact: o.contact,
      confirmedHours: Math.round((total / 60) * 10) / 10,
      manualHours: Math.round((manual / 60) * 10) / 10,
      manualShare: Math.round(manualShare * 1000) / 1000,
      /** Most of its hours are 补录: staff should look. */
      manualFlagged: total > 0 && manualShare > MANUAL_SHARE_FLAG,
    };
  };

  return {
    view,
    async register(staff: StaffPrincipal, input: z.infer<typeof orgBody>) {
      if (!staff.roles.includes('admin') && !staff.scope.divisions.some((d) => input.divisionCode.startsWith(d)))
        throw divisionOutOfScopeError();
      if (input.uscc && !(await socialOrgs.profile(input.uscc))) throw socialOrgNotFoundError();
      try {
        const org = await p.db.transaction(async (transaction) => {
          const org = await models.Org.create(
            {
              name: input.name,
              division_code: input.divisionCode,
              uscc: input.uscc ?? null,
              contact: input.contact,
              created_by: staff.id,
              created_at: p.clock.date(),
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'volunteer.org.register',
              target: { type: 'volunteer_org', id: org.id },
              detail: { name: input.name, uscc: input.uscc ?? null },
            },
            transaction,
          );
          return org;
        });
        return { org: view(org) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw orgNameTakenError();
        throw err;
      }
    },
    async addAdmin(staff: StaffPrincipal, orgId: number, staffId: number) {
      const org = await access.org(staff, orgId);
      const profile = await staffApi.profile(staffId);
      if (!profile || !profile.roles.includes('volunteer_organizer')) throw staffNotFoundError();
      await p.db.transaction(async (transaction) => {
        const already = await models.OrgAdmin.findOne({ where: { org_id: org.id, staff_id: staffId }, transaction });
        if (!already)
          await models.OrgAdmin.create(
            { org_id: org.id, staff_id: staffId, created_at: p.clock.date() },
            { transaction },
          );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'volunteer.org.add_admin',
            target: { type: 'volunteer_org', id: org.id },
            detail: { staffId },
          },
          transaction,
        );
      });
      return this.admins(staff, orgId);
    },
    async admins(staff: StaffPrincipal, orgId: number) {
      const org = await access.org(staff, orgId);
      const rows = await models.OrgAdmin.findAll({ where: { org_id: org.id }, order: [['id', 'ASC']] });
      const items = [];
      for (const r of rows) {
        const profile = await staffApi.profile(r.staff_id);
        if (profile) items.push({ staffId: r.staff_id, displayName: profile.displayName, username: profile.username });
      }
      return { items };
    },
    async list(staff: StaffPrincipal) {
      const ids = await access.visibleOrgIds(staff);
      const rows = await models.Org.findAll({
        where: ids === null ? {} : { id: { [Op.in]: ids } },
        order: [['id', 'ASC']],
      });
      const hours = await hoursOf(rows.map((r) => r.id));
      return { items: rows.map((o) => view(o, hours.get(o.id))) };
    },
    /** Public: the name and contact of organizations, for activity pages and certificate requests. */
    async publicNames(ids: number[]) {
      if (!ids.length) return new Map<number, OrgRow>();
      const rows = await models.Org.findAll({ where: { id: { [Op.in]: [...new Set(ids)] } } });
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}

export type Orgs = ReturnType<typeof makeOrgs>;
