import { Op, type WhereOptions } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { assertReach, NATIONWIDE, type Reach } from '../../platform/auth';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { HallPlaces } from './halls';
import type { MpModels } from './index';
import type { SubscriberRow } from './models';
import type { makeScenes } from './scenes';
import type { Segment } from './schemas';

/** Citizens chosen by another module (followers of an organization, volunteers…), as user ids. */
export type UserSource = (params: Record<string, string | number>) => Promise<number[]>;
/**
 * Where a source's list belongs (a division code, '' for nationwide), so the scope check uses
 * the list's own place (an organization's division) rather than only the `divisionCode` the
 * sender narrowed to; null when the list does not exist (answered 404, like out of scope).
 */
export type UserSourceReach = (params: Record<string, string | number>) => Promise<string | null>;

export interface SegmentMember {
  id: number;
  openid: string;
  userId: number | null;
}

/**
 * Who a broadcast reaches: followers of the account, narrowed by region, hall, tag or scene,
 * or by a list of citizens another module provides (registered by name). Each segment also
 * resolves to where it reaches (`reach`), which staff scope is checked against, here for every
 * kind and every caller.
 */
export function makeSegments(
  p: Platform,
  { Subscriber, SubscriberTag }: MpModels,
  scenes: ReturnType<typeof makeScenes>,
  halls: HallPlaces,
) {
  const appid = p.config.wechat.mp.appid;
  const sources = new Map<string, UserSource>();
  const sourceReaches = new Map<string, UserSourceReach>();

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
        return { ...base, ...within(segment.divisionCode), id: { [Op.in]: tagged.map((t) => t.subscriber_id) } };
      }
      case 'users': {
        const ids = await sourceOf(segment.source)(segment.params ?? {});
        return { ...base, ...within(segment.divisionCode), user_id: { [Op.in]: ids } };
      }
    }
  }
  const within = (divisionCode: string | undefined) =>
    divisionCode ? { division_code: { [Op.like]: `${divisionCode}%` } } : {};
  const sourceOf = (name: string) => {
    const source = sources.get(name);
    if (!source)
      throw badRequest('UNKNOWN_SEGMENT', '不支持的推送对象类型', { 'segment.source': '不支持的推送对象类型' });
    return source;
  };

  /** Where a segment reaches: a region, a hall, a QR code's hall or region, or the whole country. */
  async function reach(segment: Segment): Promise<Reach> {
    switch (segment.kind) {
      case 'all':
        return NATIONWIDE;
      case 'region':
        return { divisionCode: segment.divisionCode, hallId: null };
      case 'hall': {
        const hall = await halls.hall(segment.hallId);
        return { divisionCode: hall.divisionCode, hallId: hall.id };
      }
      case 'scene': {
        // Followers who came through a code: the code's hall, else its region, else anywhere.
        const origin = await scenes.resolve(segment.scene);
        if (origin.hall_id !== null) {
          const hall = await halls.hall(origin.hall_id);
          return { divisionCode: hall.divisionCode, hallId: hall.id };
        }
        return origin.division_code ? { divisionCode: origin.division_code, hallId: null } : NATIONWIDE;
      }
      case 'tag':
        return segment.divisionCode ? { divisionCode: segment.divisionCode, hallId: null } : NATIONWIDE;
      case 'users': {
        sourceOf(segment.source);
        const own = sourceReaches.get(segment.source);
        if (own) {
          const place = await own(segment.params ?? {});
          if (place === null) throw notFound('未找到该推送对象');
          // Narrowed inside the list's place: that narrower place; else the list's own place.
          const narrowed = segment.divisionCode?.startsWith(place) ? segment.divisionCode : place;
          return narrowed ? { divisionCode: narrowed, hallId: null } : NATIONWIDE;
        }
        return segment.divisionCode ? { divisionCode: segment.divisionCode, hallId: null } : NATIONWIDE;
      }
    }
  }

  /**
   * The segment's reach, when it lies inside the staff member's scope; else 404, like any
   * out-of-scope record (a 朝阳 editor cannot name 深圳's hall, a region outside 朝阳, or everyone).
   */
  async function reachInScope(staff: StaffPrincipal, segment: Segment): Promise<Reach> {
    const r = await reach(segment);
    assertReach(staff, r, r.hallId !== null ? '服务大厅' : '推送对象');
    return r;
  }

  async function count(segment: Segment): Promise<number> {
    return Subscriber.count({ where: await where(segment) });
  }

  return {
    registerUserSource(name: string, source: UserSource, reachOf?: UserSourceReach) {
      sources.set(name, source);
      if (reachOf) sourceReaches.set(name, reachOf);
    },
    reach,
    reachInScope,
    /** How many a segment reaches now, for a staff member it is in the scope of (404 otherwise). */
    async countFor(staff: StaffPrincipal, segment: Segment): Promise<number> {
      await reachInScope(staff, segment);
      return count(segment);
    },
    count,
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
