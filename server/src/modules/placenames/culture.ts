import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { CultureRow, PlaceNameModels } from './models';

const view = (c: CultureRow, name?: { id: number; name: string }) => ({
  id: c.id,
  placeNameId: c.place_name_id,
  ...(name ? { placeName: name.name } : {}),
  title: c.title,
  body: c.body,
  source: c.source,
  publishedAt: new Date(c.published_at).toISOString(),
});

/**
 * 地名文化: officers publish articles on a standard name's origin and history (its 含义 and 历史沿革
 * told at length, as the 中国地名文化遗产保护 work collects them), shown on the name's page.
 */
export function makeCulture(p: Platform, m: PlaceNameModels) {
  return {
    async publish(staff: StaffPrincipal, placeNameId: number, input: { title: string; body: string; source?: string }) {
      const name = await m.PlaceName.findByPk(placeNameId, { raw: true });
      if (!name) throw notFound('未找到该地名');
      assertDivision(staff, name.division_code, '地名');
      if (name.status !== 'current') throw badRequest('PLACE_NAME_CANCELLED', '该地名已销名，不能再发布地名文化文章');
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.Culture.create(
          {
            place_name_id: placeNameId,
            title: input.title,
            body: input.body,
            source: input.source ?? null,
            published_by: staff.id,
            published_at: p.clock.date(),
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'placename.culture',
            target: { type: 'place_name', id: placeNameId },
            detail: { articleId: created.id },
          },
          transaction,
        );
        return created.get({ plain: true }) as CultureRow;
      });
      return view(row, name);
    },
    async ofName(placeNameId: number) {
      const rows = await m.Culture.findAll({
        where: { place_name_id: placeNameId },
        order: [['id', 'ASC']],
        raw: true,
      });
      return rows.map((r) => view(r));
    },
    /** The latest articles, newest first, with the name each is about. */
    async latest(page: number) {
      const rows = await m.Culture.findAll({
        order: [['id', 'DESC']],
        limit: 21,
        offset: (page - 1) * 20,
        raw: true,
      });
      const names = new Map(
        (
          await m.PlaceName.findAll({
            where: { id: [...new Set(rows.map((r) => r.place_name_id))] },
            attributes: ['id', 'name'],
            raw: true,
          })
        ).map((n) => [n.id, n]),
      );
      return {
        items: rows.slice(0, 20).map((r) => view(r, names.get(r.place_name_id))),
        hasMore: rows.length > 20,
      };
    },
  };
}

export type Culture = ReturnType<typeof makeCulture>;
