import type { Platform } from '../../platform/platform';
import { badRequest } from '../../platform/errors';
import type { DivisionsApi } from '../divisions';
import type { PlaceNameModels } from './models';
import { divisionPrefix } from '@minzheng/contracts';
import type { DivisionNames } from './views';

/** A citizen follows a region to be told of its 地名备案公告 (and those of every division in it). */
export function makeFollows(p: Platform, m: PlaceNameModels, divisions: DivisionsApi, names: DivisionNames) {
  return {
    async follow(userId: number, code: string) {
      const view = await divisions.lookup(code);
      if (!view || view.status !== 'current') throw badRequest('DIVISION_UNKNOWN', '请选择现行的行政区划');
      const prefix = divisionPrefix(view.code);
      const count = await m.Follow.count({ where: { user_id: userId } });
      if (count >= 20) throw badRequest('TOO_MANY_FOLLOWS', '最多关注20个地区');
      await m.Follow.findOrCreate({
        where: { user_id: userId, prefix },
        defaults: { user_id: userId, prefix, division_code: view.code, created_at: p.clock.date() },
      });
      return { following: true, divisionCode: view.code, divisionName: view.fullName };
    },
    async unfollow(userId: number, code: string) {
      await m.Follow.destroy({ where: { user_id: userId, prefix: divisionPrefix(code) } });
      return { following: false };
    },
    async list(userId: number) {
      const rows = await m.Follow.findAll({ where: { user_id: userId }, order: [['id', 'ASC']], raw: true });
      return {
        items: await Promise.all(
          rows.map(async (r) => ({ divisionCode: r.division_code, divisionName: await names(r.division_code) })),
        ),
      };
    },
  };
}
