import { Op } from 'sequelize';
import { notFound } from '../../platform/errors';
import type { SocialOrgModels } from './models';
import { parseUscc } from './profile';
import { toOrgListItem } from './views';

/** A citizen follows an organization to hear when its credit status changes. */
export function makeFollows(m: SocialOrgModels) {
  async function orgOf(usccInput: string) {
    const org = await m.Org.findOne({ where: { uscc: parseUscc(usccInput) }, attributes: ['id', 'uscc'] });
    if (!org) throw notFound('未找到该社会组织');
    return org;
  }
  return {
    async follow(userId: number, uscc: string) {
      const org = await orgOf(uscc);
      await m.Follow.findOrCreate({
        where: { user_id: userId, org_id: org.id },
        defaults: { user_id: userId, org_id: org.id },
      });
      return { following: true };
    },
    async unfollow(userId: number, uscc: string) {
      const org = await orgOf(uscc);
      await m.Follow.destroy({ where: { user_id: userId, org_id: org.id } });
      return { following: false };
    },
    async status(userId: number, uscc: string) {
      const org = await orgOf(uscc);
      return { following: Boolean(await m.Follow.findOne({ where: { user_id: userId, org_id: org.id } })) };
    },
    /** Who follows an organization: the audience of a broadcast about it. */
    async followersOf(uscc: string): Promise<number[]> {
      const org = await orgOf(uscc);
      return (await m.Follow.findAll({ where: { org_id: org.id }, attributes: ['user_id'] })).map((f) => f.user_id);
    },
    async list(userId: number, page: number, pageSize: number) {
      const { rows, count } = await m.Follow.findAndCountAll({
        where: { user_id: userId },
        order: [['id', 'DESC']],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const orgs = await m.Org.findAll({ where: { id: { [Op.in]: rows.map((r) => r.org_id) } } });
      const byId = new Map(orgs.map((o) => [o.id, o]));
      return {
        items: rows
          .map((r) => byId.get(r.org_id))
          .filter((o) => o !== undefined)
          .map((o) => toOrgListItem(o)),
        total: count,
      };
    },
  };
}
