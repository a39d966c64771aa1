import { Op } from 'sequelize';
import { notFound } from '../../platform/errors';
import type { CatalogueApi } from '../catalogue';
import { addDays, type Clock } from '../../platform/clock';
import type { HallModels } from './index';
import type { HallRow } from './models';
import { hallDay, openAt, type HallDay } from './opening';
import { distanceKm, toDayView, toHallDetail, toHallSummary } from './views';

/** What a citizen sees of halls: the list (nearest first), one hall, its calendar. */
export function makeDirectory({ Hall, Window, Override }: HallModels, catalogue: CatalogueApi, clock: Clock) {
  async function days(hall: HallRow, from: string, count: number): Promise<HallDay[]> {
    const to = addDays(from, count - 1);
    const overrides = await Override.findAll({ where: { hall_id: hall.id, date: { [Op.between]: [from, to] } } });
    const byDate = new Map(overrides.map((o) => [o.date, o]));
    return Array.from({ length: count }, (_, i) => addDays(from, i)).map((date) =>
      hallDay(hall, byDate.get(date), date),
    );
  }

  async function activeHall(id: number) {
    const hall = await Hall.findByPk(id);
    if (!hall || !hall.active) throw notFound('未找到该服务大厅');
    return hall;
  }

  const nowOf = async (hall: HallRow) => {
    const now = clock.beijing();
    const [today] = await days(hall, now.date, 1);
    return { today, now: openAt(today, now) };
  };

  return {
    days,
    activeHall,
    nowOf,
    async list(query: { division?: string; service?: string; lat?: number; lng?: number }) {
      const where: Record<string, unknown> = { active: true };
      if (query.division) where.division_code = { [Op.like]: `${query.division}%` };
      let halls = await Hall.findAll({ where, order: [['id', 'ASC']], limit: 500 });
      if (query.service) {
        const windows = await Window.findAll({ where: { hall_id: { [Op.in]: halls.map((h) => h.id) }, active: true } });
        const handles = new Set(windows.filter((w) => w.service_codes.includes(query.service!)).map((w) => w.hall_id));
        halls = halls.filter((h) => handles.has(h.id));
      }
      const here = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
      const items = await Promise.all(
        halls.map(async (h) => {
          const distance =
            here && h.latitude != null && h.longitude != null
              ? distanceKm(here, { lat: h.latitude, lng: h.longitude })
              : undefined;
          return toHallSummary(h, (await nowOf(h)).now, distance);
        }),
      );
      if (here) items.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
      return { items, total: items.length };
    },
    async detail(id: number) {
      const hall = await activeHall(id);
      const windows = await Window.findAll({ where: { hall_id: id }, order: [['number', 'ASC']] });
      const services = await catalogue.byCodes(windows.flatMap((w) => w.service_codes));
      const { today, now } = await nowOf(hall);
      return toHallDetail(hall, windows, services, today, now);
    },
    async calendar(id: number, from: string | undefined, count: number) {
      const hall = await activeHall(id);
      return { hallId: id, days: (await days(hall, from ?? clock.today(), count)).map(toDayView) };
    },
  };
}
