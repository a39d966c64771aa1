import { Op } from 'sequelize';
import { PLACE_NAME_ACTION_LABELS, pageLink, type PlaceNameAction, type PlaceNameCategory } from '@minzheng/contracts';
import { assertDivision, divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { DivisionsApi } from '../divisions';
import type { NoticesApi } from '../notices';
import type { PlaceNameModels, PlaceNameRow } from './models';
import { initialsOf, pinyinKey, romanize } from './romanize';
import { announcementView, type DivisionNames, prefixesOf } from './views';

export const ANNOUNCEMENT_NOTICE = 'placename.announcement';

export interface AnnouncementInput {
  action: string;
  placeNameId?: number;
  name?: string;
  pinyin?: string;
  category?: string;
  divisionCode?: string;
  location?: string;
  lng?: number;
  lat?: number;
  meaning?: string;
  history?: string;
  approvalBody: string;
  approvalDate: string;
}

const missing = (fields: Record<string, string>) =>
  badRequest('VALIDATION_FAILED', `提交的信息有误：${Object.values(fields)[0]}`, fields);

/**
 * 地名备案公告 (《地名备案公告管理办法（试行）》2023): staff of a division publish the naming,
 * renaming or cancelling of a standard name in it, with 标准名称, 罗马字母拼写, 所属政区, 位置描述,
 * 批准机关, 批准时间. Publishing changes the register in the same transaction, is audited, and
 * tells the citizens who follow the region or any region above it.
 */
export function makeAnnouncements(
  p: Platform,
  m: PlaceNameModels,
  deps: {
    divisions: DivisionsApi;
    notices: NoticesApi;
    names: DivisionNames;
    /** The public search, whose kept answers retire once an announcement has changed the register. */
    searched: { changed(ids: number[]): Promise<void> };
  },
) {
  async function currentDivision(code: string) {
    const view = await deps.divisions.lookup(code);
    if (!view) throw missing({ divisionCode: '所属政区代码不存在' });
    if (view.status !== 'current')
      throw missing({
        divisionCode: `所属政区已撤销，请使用现行区划（${view.successors.map((s) => s.fullName).join('、')}）`,
      });
    return view;
  }

  async function tellFollowers(
    row: { id: number; action: PlaceNameAction; name: string; division_code: string },
    divisionName: string,
  ) {
    const followers = await m.Follow.findAll({
      where: { prefix: { [Op.in]: prefixesOf(row.division_code) } },
      attributes: ['user_id'],
      raw: true,
    });
    const users = [...new Set(followers.map((f) => f.user_id))];
    for (const userId of users) {
      await deps.notices
        .notify(
          { userId },
          ANNOUNCEMENT_NOTICE,
          { action: PLACE_NAME_ACTION_LABELS[row.action], name: row.name, division: divisionName },
          pageLink('divisions', { announcement: row.id }),
        )
        .catch((err) =>
          p.logger.warn({ err: err.message, userId }, 'could not tell a follower of a place-name announcement'),
        );
    }
    return users.length;
  }

  return {
    async publish(staff: StaffPrincipal, input: AnnouncementInput) {
      const action = input.action as PlaceNameAction;
      if (input.approvalDate > p.clock.today()) throw missing({ approvalDate: '批准时间不能晚于今天' });
      if (Number.isNaN(Date.parse(`${input.approvalDate}T00:00:00Z`)))
        throw missing({ approvalDate: '批准时间不是有效日期' });
      let existing: PlaceNameRow | null = null;
      if (action !== 'name') {
        if (!input.placeNameId) throw missing({ placeNameId: '请指明要更名或销名的地名' });
        existing = await m.PlaceName.findByPk(input.placeNameId, { raw: true });
        if (!existing) throw notFound('未找到该地名');
        assertDivision(staff, existing.division_code, '地名');
        if (existing.status !== 'current') throw badRequest('PLACE_NAME_CANCELLED', '该地名已销名，不能再更名或销名');
      }
      if (action !== 'cancel') {
        const fields: Record<string, string> = {};
        if (!input.name) fields.name = '请填写标准名称';
        if (!existing && !input.category) fields.category = '请选择地名类别';
        if (!existing && !input.divisionCode) fields.divisionCode = '请选择所属政区';
        if (!existing && !input.location) fields.location = '请填写位置描述';
        if (action === 'rename' && input.name === existing?.name) fields.name = '新名称与原名称相同';
        if (Object.keys(fields).length) throw missing(fields);
      }
      const divisionCode = input.divisionCode ?? existing!.division_code;
      const division = await currentDivision(divisionCode);
      // Scope: the division the name is in (for a move, both the old one above and the new one).
      assertDivision(staff, division.code, '所属政区');
      const name = action === 'cancel' ? existing!.name : input.name!;
      const spelling = input.pinyin?.replace(/\s+/g, ' ') || (action === 'cancel' ? existing!.pinyin : romanize(name));
      const now = p.clock.date();

      const result = await p.db.transaction(async (transaction) => {
        const values = {
          name,
          pinyin: spelling,
          pinyin_key: pinyinKey(spelling),
          initials: initialsOf(name),
          category: (input.category ?? existing?.category) as PlaceNameCategory,
          division_code: division.code,
          location: input.location ?? existing?.location ?? '',
          lng: input.lng ?? existing?.lng ?? null,
          lat: input.lat ?? existing?.lat ?? null,
          meaning: input.meaning ?? existing?.meaning ?? '',
          history: input.history ?? existing?.history ?? '',
          approval_body: input.approvalBody,
          approval_date: input.approvalDate,
          updated_at: now,
        };
        let placeNameId: number;
        if (action === 'name') {
          const created = await m.PlaceName.create(
            { ...values, status: 'current', former_name: null, created_at: now },
            { transaction },
          );
          placeNameId = created.id;
        } else {
          placeNameId = existing!.id;
          await m.PlaceName.update(
            action === 'cancel'
              ? {
                  status: 'cancelled',
                  approval_body: input.approvalBody,
                  approval_date: input.approvalDate,
                  updated_at: now,
                }
              : { ...values, former_name: existing!.name },
            { where: { id: placeNameId }, transaction },
          );
        }
        const announcement = await m.Announcement.create(
          {
            action,
            place_name_id: placeNameId,
            name,
            pinyin: spelling,
            former_name: action === 'rename' ? existing!.name : null,
            category: values.category,
            division_code: division.code,
            location: values.location,
            approval_body: input.approvalBody,
            approval_date: input.approvalDate,
            published_by: staff.id,
            published_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `placename.${action}`,
            target: { type: 'place_name', id: placeNameId },
            detail: {
              announcementId: announcement.id,
              name,
              formerName: existing?.name ?? null,
              divisionCode: division.code,
            },
          },
          transaction,
        );
        return announcement.get({ plain: true });
      });
      // Committed: the public search's kept answers retire in every process before this returns.
      await deps.searched.changed([result.place_name_id]);
      const notified = await tellFollowers(result, division.fullName);
      return { ...(await announcementView(result, deps.names)), notified };
    },

    /** Published announcements, newest first; a division narrows to it and below. */
    async list(division: string | undefined, page: number) {
      const where = division ? { division_code: { [Op.startsWith]: prefixesOf(division).at(-1)! } } : {};
      const rows = await m.Announcement.findAll({
        where,
        order: [['id', 'DESC']],
        limit: 21,
        offset: (page - 1) * 20,
        raw: true,
      });
      return {
        items: await Promise.all(rows.slice(0, 20).map((row) => announcementView(row, deps.names))),
        hasMore: rows.length > 20,
      };
    },

    async get(id: number) {
      const row = await m.Announcement.findByPk(id, { raw: true });
      if (!row) throw notFound('未找到该地名公告');
      return announcementView(row, deps.names);
    },

    /** The staff list: announcements in the staff member's divisions. */
    async listForStaff(staff: StaffPrincipal, page: number) {
      const prefixes = divisionPrefixes(staff);
      const where = prefixes
        ? { [Op.or]: prefixes.map((prefix) => ({ division_code: { [Op.startsWith]: prefix } })) }
        : {};
      const rows = await m.Announcement.findAll({
        where,
        order: [['id', 'DESC']],
        limit: 21,
        offset: (page - 1) * 20,
        raw: true,
      });
      return {
        items: await Promise.all(rows.slice(0, 20).map((row) => announcementView(row, deps.names))),
        hasMore: rows.length > 20,
      };
    },
  };
}
