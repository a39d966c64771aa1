import { Op, type WhereOptions } from 'sequelize';
import type { CatalogueModels } from './index';
import type { ServiceItemRow } from './models';
import { toSummary } from './views';

/** LIKE patterns treat % and _ as wildcards; a citizen's "%" is just a character. */
const like = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const searchTextOf = (s: Pick<ServiceItemRow, 'name' | 'keywords' | 'code' | 'type' | 'result'>) =>
  [s.name, s.keywords, s.code, s.type, s.result].join(' ').toLowerCase();

/**
 * Keyword search over name, keywords, code and result: every whitespace-separated term must
 * match. The catalogue is small (tens to hundreds of items), so a LIKE scan is enough.
 */
export function makeSearch({ ServiceItem }: CatalogueModels) {
  return async function search(input: { q?: string; area?: string }) {
    const terms = (input.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    const where: WhereOptions[] = terms.map((t) => ({ search_text: { [Op.like]: like(t) } }));
    if (input.area) where.push({ area: input.area });
    const rows = await ServiceItem.findAll({
      where: { [Op.and]: where },
      order: [
        ['sort', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: 100,
    });
    return { items: rows.map(toSummary), total: rows.length };
  };
}
