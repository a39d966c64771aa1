import type { Culture } from './culture';
import { Op, type WhereOptions } from 'sequelize';
import type { PlaceNameCategory } from '@minzheng/contracts';
import { notFound } from '../../platform/errors';
import type { PlaceNameModels, PlaceNameRow } from './models';
import { isLatin, pinyinKey, prefixEnd } from './romanize';
import { type DivisionNames, divisionPrefix, placeNameView } from './views';

export interface PlaceNameSearch {
  q?: string;
  category?: string;
  division?: string;
  page: number;
  pageSize: number;
}

/**
 * Search by a prefix of the Chinese name, of the pinyin or of the initials (天安, tiana, tam),
 * by category and by division. Each prefix is an index range (name >= q AND name < q⁺), never
 * LIKE '%q%'; a division is a range of codes too. Current names only.
 *
 * Order: a Chinese prefix (or none) by name. Letters are two ranges, so each is read in its own
 * index's order with a LIMIT and the two are put one after the other: names whose pinyin starts
 * with the letters (by pinyin, then id), then those whose initials do (by initials, then id; a name
 * already in the first part is not repeated). Ordering the OR of both ranges by name would make the
 * database read and sort every matching row (tens of thousands for `do` among a million names)
 * before the first 20; this reads at most offset + pageSize + 1 rows of each.
 */
export function makeSearch(m: PlaceNameModels, names: DivisionNames, culture: Culture) {
  const range = (column: string, prefix: string): WhereOptions => ({
    [column]: { [Op.gte]: prefix, [Op.lt]: prefixEnd(prefix) },
  });
  return {
    async search(input: PlaceNameSearch, scope?: { prefixes: string[] | null; status?: 'current' | 'cancelled' }) {
      // The public sees current names; staff see their divisions' register, cancelled names too.
      const and: WhereOptions[] = scope ? (scope.status ? [{ status: scope.status }] : []) : [{ status: 'current' }];
      if (scope?.prefixes)
        and.push(
          scope.prefixes.length
            ? { [Op.or]: scope.prefixes.map((prefix) => range('division_code', prefix)) }
            : { id: { [Op.in]: [] } },
        );
      if (input.category) and.push({ category: input.category as PlaceNameCategory });
      if (input.division) and.push(range('division_code', divisionPrefix(input.division)));
      const offset = (input.page - 1) * input.pageSize;
      const wanted = offset + input.pageSize + 1;
      let rows: PlaceNameRow[];
      const q = input.q?.replace(/\s+/g, isLatin(input.q) ? '' : ' ');
      if (q && isLatin(q)) {
        const key = pinyinKey(q);
        // Each range in its own index order (pinyin_key, id) / (initials, id), at most `wanted` rows.
        rows = await m.PlaceName.findAll({
          where: { [Op.and]: [...and, range('pinyin_key', key)] },
          order: [
            ['pinyin_key', 'ASC'],
            ['id', 'ASC'],
          ],
          limit: wanted,
          raw: true,
        });
        if (rows.length < wanted) {
          const byInitials = await m.PlaceName.findAll({
            where: {
              [Op.and]: [
                ...and,
                range('initials', key),
                { [Op.or]: [{ pinyin_key: { [Op.lt]: key } }, { pinyin_key: { [Op.gte]: prefixEnd(key) } }] },
              ],
            },
            order: [
              ['initials', 'ASC'],
              ['id', 'ASC'],
            ],
            limit: wanted - rows.length,
            raw: true,
          });
          rows = [...rows, ...byInitials];
        }
        rows = rows.slice(offset);
      } else {
        if (q) and.push(range('name', q));
        rows = await m.PlaceName.findAll({
          where: { [Op.and]: and },
          order: [
            ['name', 'ASC'],
            ['id', 'ASC'],
          ],
          limit: input.pageSize + 1,
          offset,
          raw: true,
        });
      }
      return {
        items: await Promise.all(rows.slice(0, input.pageSize).map((row) => placeNameView(row, names))),
        hasMore: rows.length > input.pageSize,
      };
    },
    async get(id: number) {
      const row = await m.PlaceName.findByPk(id, { raw: true });
      if (!row) throw notFound('未找到该地名');
      const announcements = await m.Announcement.findAll({
        where: { place_name_id: id },
        order: [['id', 'ASC']],
        attributes: ['id', 'action', 'name', 'former_name', 'approval_body', 'approval_date', 'published_at'],
        raw: true,
      });
      return {
        ...(await placeNameView(row, names)),
        culture: await culture.ofName(id),
        announcements: announcements.map((a) => ({
          id: a.id,
          action: a.action,
          name: a.name,
          formerName: a.former_name,
          approvalBody: a.approval_body,
          approvalDate: a.approval_date,
          publishedAt: new Date(a.published_at).toISOString(),
        })),
      };
    },
  };
}
