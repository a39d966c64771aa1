import { Op } from 'sequelize';
import type { z } from 'zod';
import { SOCIAL_WORKER_LEVEL_NAMES } from '@minzheng/contracts';
import type { SocialWorkDeps } from './deps';
import { stationNotFoundError } from './errors';
import type { Registry } from './registry';
import type { stationsQuery } from './schemas';

/** Public: the stations under a division (nearest first when a position is given) and a station's page. */
export function makePublicStations(deps: SocialWorkDeps, registry: Registry) {
  const { models } = deps;
  return {
    async list(query: z.infer<typeof stationsQuery>) {
      const rows = await models.Station.findAll({
        where: query.division ? { division_code: { [Op.like]: `${query.division}%` } } : {},
        order: [['id', 'ASC']],
        limit: 1000,
      });
      const from = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
      let items = await registry.stationViews(rows, from);
      if (query.category) items = items.filter((s) => s.services.includes(query.category!));
      if (from) items.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
      return { items: items.slice(0, query.limit) };
    },
    async page(id: number) {
      const row = await models.Station.findByPk(id);
      if (!row) throw stationNotFoundError();
      const [station] = await registry.stationViews([row]);
      const workers = await models.Worker.findAll({ where: { station_id: id }, order: [['id', 'ASC']] });
      const projects = await models.Project.findAll({ where: { station_id: id }, order: [['id', 'DESC']], limit: 20 });
      const org = row.org_id ? await models.Org.findByPk(row.org_id) : null;
      return {
        station: {
          ...station,
          operator: org ? { name: org.name, uscc: org.uscc } : null,
          // 持证社工 are shown by surname and level only.
          workers: workers.map((w) => ({
            id: w.id,
            name: `${w.name.slice(0, 1)}社工`,
            levelName: SOCIAL_WORKER_LEVEL_NAMES[w.level],
            registered: w.registered_on !== null,
          })),
          projects: projects.map((pr) => ({ id: pr.id, title: pr.title, startsOn: pr.starts_on })),
        },
      };
    },
  };
}
