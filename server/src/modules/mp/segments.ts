import { Op, type WhereOptions } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { assertDivision } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { MpModels } from './index';
import type { SubscriberRow } from './models';
import type { Segment } from './schemas';

/** Citizens chosen by another module (followers of an organization, volunteers…), as user ids. */
export type UserSource = (params: Record<string, string | number>) => Promise<number[]>;

export interface SegmentMember {
  id: number;
  openid: string;
  userId: number | null;
}

/**
 * Who a broadcast reaches: followers of the account, narrowed by region, hall, tag or scene,
 * or by a list of citizens another module provides (registered by name).
 */
export function makeSegments(p: Platform, { Subscriber, SubscriberTag }: MpModels) {
  const appid = p.config.wechat.mp.appid;
  const sources = new Map<string, UserSource>();

  async function where(segment: Segment): Promise<WhereOptions<SubscriberRow>> {
    const base = { appid, subscribed: true };
    switch (segment.kind) {
      case 'all':
        return base;
      case 'region':
        return { ...base, division_code: { [Op.like]: `${segment.divisionCode}%` } };
      case 'hall':
        return { ...base, hall_id: segment.hallId };
      case 'scene':
        return { ...base, source_scene: segment.scene };
      case 'tag': {
        const tagged = await SubscriberTag.findAll({ where: { tag: segment.tag }, attributes: ['subscriber_id'] });
        return { ...base, id: { [Op.in]: tagged.map((t) => t.subscriber_id) } };
      }
      case 'users': {
        const source = sources.get(segment.source);
        if (!source)
          throw badRequest('UNKNOWN_SEGMENT', '不支持的推送对象类型', { 'segment.source': '不支持的推送对象类型' });
        const ids = await source(segment.params ?? {});
        return { ...base, user_id: { [Op.in]: ids } };
      }
    }
  }

  return {
    registerUserSource(name: string, source: UserSource) {
      sources.set(name, source);
    },
    /** Region segments must lie inside the staff member's divisions (else 404, like any out-of-scope record). */
    assertInScope(staff: StaffPrincipal, segment: Segment) {
      if (segment.kind === 'region') assertDivision(staff, segment.divisionCode, '行政区划');
    },
    async count(segment: Segment): Promise<number> {
      return Subscriber.count({ where: await where(segment) });
    },
    /** Keyset pages in id order, so an interrupted expansion resumes where it stopped. */
    async page(segment: Segment, afterId: number, limit: number): Promise<SegmentMember[]> {
      const w = await where(segment);
      const rows = await Subscriber.findAll({
        where: { [Op.and]: [w, { id: { [Op.gt]: afterId } }] },
        attributes: ['id', 'openid', 'user_id'],
        order: [['id', 'ASC']],
        limit,
        raw: true,
      });
      return rows.map((r) => ({
        id: Number(r.id),
        openid: r.openid,
        userId: r.user_id === null ? null : Number(r.user_id),
      }));
    },
  };
}

export function makeTags(p: Platform, { Subscriber, SubscriberTag }: MpModels) {
  const appid = p.config.wechat.mp.appid;
  return {
    async tag(staff: StaffPrincipal, tag: string, openids: string[]) {
      const subs = await Subscriber.findAll({ where: { appid, openid: { [Op.in]: openids } }, attributes: ['id'] });
      const now = p.clock.date();
      await SubscriberTag.bulkCreate(
        subs.map((s) => ({ subscriber_id: s.id, tag, created_at: now })),
        { ignoreDuplicates: true },
      );
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'mp.tag',
        detail: { tag, count: subs.length },
      });
      return { tagged: subs.length };
    },
    async list() {
      const rows = await SubscriberTag.findAll({ attributes: ['tag'], raw: true });
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.tag, (counts.get(r.tag) ?? 0) + 1);
      return { items: [...counts].map(([tag, count]) => ({ tag, count })) };
    },
  };
}
