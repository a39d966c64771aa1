import { Op } from 'sequelize';
import type { z } from 'zod';
import { NEED_CATEGORY_NAMES, type SocialWorkProjectView } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { assertInScope, covers, divisionWhere } from './access';
import type { SocialWorkDeps } from './deps';
import { badDatesError, projectNotFoundError, socialOrgUnknownError } from './errors';
import type { ProjectRow } from './models';
import type { Registry } from './registry';
import type { projectBody, projectPatch, projectsQuery } from './schemas';

/** 社会工作项目: goals, area and results, entered once by staff and listed publicly. */
export function makeProjects(deps: SocialWorkDeps, registry: Registry) {
  const { p, models } = deps;

  async function views(rows: ProjectRow[]): Promise<SocialWorkProjectView[]> {
    const ids = [...new Set(rows.map((r) => r.station_id).filter((x): x is number => x !== null))];
    const stations = new Map(
      (ids.length ? await models.Station.findAll({ where: { id: { [Op.in]: ids } } }) : []).map((s) => [s.id, s.name]),
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      divisionCode: r.division_code,
      category: r.category,
      categoryName: NEED_CATEGORY_NAMES[r.category],
      stationName: r.station_id ? (stations.get(r.station_id) ?? null) : null,
      goals: r.goals,
      results: r.results,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    }));
  }

  return {
    async create(staff: StaffPrincipal, input: z.infer<typeof projectBody>) {
      assertInScope(staff, input.divisionCode);
      if (input.endsOn && input.endsOn < input.startsOn) throw badDatesError('结束日期不能早于开始日期');
      if (input.stationId) await registry.stationInScope(staff, input.stationId);
      let orgId: number | null = null;
      if (input.orgUscc) {
        const org = await models.Org.findOne({ where: { uscc: input.orgUscc } });
        if (!org) throw socialOrgUnknownError();
        orgId = org.id;
      }
      const row = await p.db.transaction(async (transaction) => {
        const now = p.clock.date();
        const row = await models.Project.create(
          {
            title: input.title,
            division_code: input.divisionCode,
            category: input.category,
            station_id: input.stationId ?? null,
            org_id: orgId,
            goals: input.goals,
            results: input.results,
            starts_on: input.startsOn,
            ends_on: input.endsOn ?? null,
            created_by: staff.id,
            created_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.project.create',
            target: { type: 'social_work_project', id: row.id },
          },
          transaction,
        );
        return row;
      });
      return { project: (await views([row]))[0] };
    },
    async updateResults(staff: StaffPrincipal, id: number, input: z.infer<typeof projectPatch>) {
      const row = await models.Project.findByPk(id);
      if (!row || !covers(staff, row.division_code)) throw projectNotFoundError();
      await p.db.transaction(async (transaction) => {
        await row.update({ results: input.results, updated_at: p.clock.date() }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.project.results',
            target: { type: 'social_work_project', id: row.id },
          },
          transaction,
        );
      });
      return { project: (await views([row]))[0] };
    },
    async staffList(staff: StaffPrincipal) {
      const rows = await models.Project.findAll({ where: divisionWhere(staff) ?? {}, order: [['id', 'DESC']] });
      return { items: await views(rows) };
    },
    async publicList(query: z.infer<typeof projectsQuery>) {
      const rows = await models.Project.findAll({
        where: {
          ...(query.division ? { division_code: { [Op.like]: `${query.division}%` } } : {}),
          ...(query.category ? { category: query.category } : {}),
        },
        order: [
          ['starts_on', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: 100,
      });
      return { items: await views(rows) };
    },
  };
}
