import type { z } from 'zod';
import { UniqueConstraintError } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { conflict } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { IllegalOrgRow, SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import type { illegalOrgBody } from './schemas';
import { normalizeName } from '../../platform/search/ngrams';

export const toIllegalView = (r: IllegalOrgRow) => ({
  id: r.id,
  name: r.name,
  authority: r.authority,
  divisionCode: r.division_code,
  publishedAt: r.published_at,
  source: r.source,
});

/** Lists of suspected illegal organizations (涉嫌非法社会组织) published by the authorities. */
export function makeIllegalOrgs(p: Platform, m: SocialOrgModels, cache: OrgCache) {
  return {
    async publish(actor: StaffPrincipal, input: z.infer<typeof illegalOrgBody>) {
      assertDivision(actor, input.divisionCode, '行政区划');
      const row = await p.db
        .transaction(async (transaction) => {
          const created = await m.IllegalOrg.create(
            {
              name: input.name,
              search_name: normalizeName(input.name),
              authority: input.authority,
              division_code: input.divisionCode,
              published_at: input.publishedAt,
              source: input.source ?? null,
              created_by: `staff:${actor.id}`,
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: actor.id },
              action: 'social_org.illegal.publish',
              target: { type: 'illegal_org', id: created.id },
              detail: { name: input.name, authority: input.authority },
            },
            transaction,
          );
          return created;
        })
        .catch((err) => {
          if (err instanceof UniqueConstraintError) throw conflict('ILLEGAL_ORG_EXISTS', '该机关已发布过同名组织');
          throw err;
        });
      await cache.invalidate();
      return { illegalOrg: toIllegalView(row) };
    },
    async list(page: number, pageSize: number) {
      const { rows, count } = await m.IllegalOrg.findAndCountAll({
        order: [
          ['published_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map(toIllegalView), total: count };
    },
  };
}
