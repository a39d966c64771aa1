import { QueryTypes } from 'sequelize';
import { NEED_CATEGORIES, NEED_CATEGORY_NAMES, type NeedCategory } from '@minzheng/contracts';
import { divisionPrefixes } from '../../platform/auth/scope';
import type { StaffPrincipal } from '../../platform/context';
import type { SocialWorkDeps } from './deps';

/** Requests by station and category in the staff member's area, from the rows themselves (no second entry). */
export function makeStatistics({ p }: SocialWorkDeps) {
  return {
    async byStationAndCategory(staff: StaffPrincipal) {
      const prefixes = divisionPrefixes(staff);
      const replacements: Record<string, string> = {};
      let where = '';
      if (prefixes !== null) {
        if (!prefixes.length) return { stations: [], categories: [], totals: { requests: 0, closed: 0, rated: 0 } };
        where = `WHERE (${prefixes
          .map((prefix, i) => {
            replacements[`p${i}`] = `${prefix}%`;
            return `s.division_code LIKE :p${i}`;
          })
          .join(' OR ')})`;
      }
      const rows = (await p.db.query(
        `SELECT s.id AS station_id, s.name AS station_name, r.category AS category, COUNT(r.id) AS n,
                SUM(CASE WHEN r.status = 'closed' THEN 1 ELSE 0 END) AS closed,
                SUM(CASE WHEN r.rating IS NOT NULL THEN r.rating ELSE 0 END) AS rating_sum,
                SUM(CASE WHEN r.rating IS NOT NULL THEN 1 ELSE 0 END) AS rated
           FROM social_work_stations s JOIN social_work_requests r ON r.station_id = s.id
           ${where}
          GROUP BY s.id, s.name, r.category ORDER BY s.id`,
        { replacements, type: QueryTypes.SELECT },
      )) as {
        station_id: number;
        station_name: string;
        category: NeedCategory;
        n: number | string;
        closed: number | string;
        rating_sum: number | string;
        rated: number | string;
      }[];
      const stations = new Map<
        number,
        { stationId: number; stationName: string; total: number; closed: number; ratingSum: number; rated: number }
      >();
      const categories = new Map<NeedCategory, number>();
      for (const r of rows) {
        const s = stations.get(Number(r.station_id)) ?? {
          stationId: Number(r.station_id),
          stationName: r.station_name,
          total: 0,
          closed: 0,
          ratingSum: 0,
          rated: 0,
        };
        s.total += Number(r.n);
        s.closed += Number(r.closed);
        s.ratingSum += Number(r.rating_sum);
        s.rated += Number(r.rated);
        stations.set(s.stationId, s);
        categories.set(r.category, (categories.get(r.category) ?? 0) + Number(r.n));
      }
      const list = [...stations.values()];
      return {
        stations: list.map((s) => ({
          stationId: s.stationId,
          stationName: s.stationName,
          total: s.total,
          closed: s.closed,
          averageRating: s.rated ? Math.round((s.ratingSum / s.rated) * 10) / 10 : null,
        })),
        categories: NEED_CATEGORIES.map((c) => ({
          category: c,
          name: NEED_CATEGORY_NAMES[c],
          count: categories.get(c) ?? 0,
        })),
        totals: {
          requests: list.reduce((a, s) => a + s.total, 0),
          closed: list.reduce((a, s) => a + s.closed, 0),
          rated: list.reduce((a, s) => a + s.rated, 0),
        },
      };
    },
  };
}
