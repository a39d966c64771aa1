import { createHash } from 'node:crypto';
import { Op } from 'sequelize';
import { COMMUNITY_NOTICE_CATEGORY_NAMES, type CommunityNoticeCategory, pageLink } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { badRequest } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { reencodeImage, sniff, type UploadedFile } from '../../platform/uploads';
import { assertCommunity, scopeWhere } from './access';
import type { CommunityDeps } from './deps';
import {
  attachmentNotFoundError,
  noticeNotFoundError,
  unknownAttachmentError,
  unsupportedAttachmentError,
} from './errors';
import type { NoticeRow } from './models';
import type { Pages } from './pages';
import { COMMUNITY_NOTICE, type Telling } from './telling';

export { COMMUNITY_NOTICE } from './telling';
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_FOLLOWS = 20;

export interface NoticeInput {
  category: CommunityNoticeCategory;
  title: string;
  body: string;
  attachments: string[];
}

function isPdf(data: Buffer): boolean {
  if (data.length < 64 || data.toString('latin1', 0, 5) !== '%PDF-') return false;
  return data.toString('latin1', Math.max(0, data.length - 1024)).includes('%%EOF');
}

/**
 * 居务/村务公开: community staff publish by category (财务, 救助公示, 选举, 项目) with attachments
 * uploaded first (PDF, or images encoded anew without EXIF); the citizens who follow the
 * community are told through notify() — the 消息 list, and WeChat when they allow it.
 */
export function makePublicity(deps: CommunityDeps, pages: Pages, telling: Telling) {
  const { p, models, notices } = deps;
  notices.templates.register<{ community: string; category: string; title: string }>({
    key: COMMUNITY_NOTICE,
    kind: 'community',
    render: (d) => ({ title: `${d.community}发布${d.category}`, body: d.title }),
  });

  async function attachmentsOf(noticeIds: number[]) {
    if (!noticeIds.length) return new Map<number, { id: string; filename: string; mime: string; size: number }[]>();
    const rows = await models.Attachment.findAll({
      where: { notice_id: { [Op.in]: noticeIds } },
      attributes: ['token', 'notice_id', 'filename', 'mime', 'size'],
      order: [['id', 'ASC']],
      raw: true,
    });
    const out = new Map<number, { id: string; filename: string; mime: string; size: number }[]>();
    for (const r of rows) {
      const list = out.get(r.notice_id!) ?? [];
      list.push({ id: r.token, filename: r.filename, mime: r.mime, size: r.size });
      out.set(r.notice_id!, list);
    }
    return out;
  }

  async function views(rows: NoticeRow[]) {
    const files = await attachmentsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      divisionCode: r.division_code,
      category: r.category,
      categoryLabel: COMMUNITY_NOTICE_CATEGORY_NAMES[r.category] ?? r.category,
      title: r.title,
      body: r.body,
      publishedAt: new Date(r.published_at).toISOString(),
      attachments: files.get(r.id) ?? [],
    }));
  }

  return {
    async uploadAttachment(staff: StaffPrincipal, read: () => Promise<UploadedFile>) {
      await enforceRateLimit(p.cache, `community-attachment:${staff.id}`, 120, 3600_000, '上传过于频繁，请稍后再试');
      const file = await read();
      let mime: string;
      let data: Buffer;
      const type = sniff(file.data);
      if (type === 'image/jpeg' || type === 'image/png' || type === 'image/webp') {
        const image = await reencodeImage(file.data);
        mime = image.mime;
        data = image.data;
      } else if (isPdf(file.data)) {
        mime = 'application/pdf';
        data = file.data;
      } else throw unsupportedAttachmentError();
      const filename = (file.filename || '附件').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120);
      const row = await models.Attachment.create({
        token: randomToken(24),
        staff_id: staff.id,
        notice_id: null,
        filename,
        mime,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
        created_at: p.clock.date(),
      });
      return { attachment: { id: row.token, filename, mime, size: row.size } };
    },

    async attachment(token: string) {
      const row = await models.Attachment.findOne({ where: { token, notice_id: { [Op.ne]: null } } });
      if (!row) throw attachmentNotFoundError();
      return row;
    },

    async publish(staff: StaffPrincipal, code: string, input: NoticeInput) {
      const community = await pages.community(code);
      assertCommunity(staff, code);
      const tokens = [...new Set(input.attachments)];
      const { row, followers } = await p.db.transaction(async (transaction) => {
        const notice = await models.Notice.create(
          {
            division_code: code,
            category: input.category,
            title: input.title,
            body: input.body,
            published_by: staff.id,
            published_at: p.clock.date(),
          },
          { transaction },
        );
        if (tokens.length) {
          const [count] = await models.Attachment.update(
            { notice_id: notice.id },
            { where: { token: { [Op.in]: tokens }, staff_id: staff.id, notice_id: null }, transaction },
          );
          if (count !== tokens.length) throw unknownAttachmentError();
        }
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'community.notice.publish',
            target: { type: 'community_notice', id: notice.id },
            detail: { divisionCode: code, category: input.category },
          },
          transaction,
        );
        const row = notice.get({ plain: true }) as NoticeRow;
        // Told by a job once this commits: a community with many followers does not hold the request.
        const followers = await telling.tellFollowers(
          transaction,
          code,
          { community: community.name, category: COMMUNITY_NOTICE_CATEGORY_NAMES[row.category], title: row.title },
          pageLink('community', { code, notice: row.id }),
        );
        return { row, followers };
      });
      return { notice: (await views([row]))[0], followersNotified: followers };
    },

    async list(code: string, category?: CommunityNoticeCategory) {
      await pages.community(code);
      const rows = await models.Notice.findAll({
        where: { division_code: code, ...(category ? { category } : {}) },
        order: [
          ['published_at', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: 100,
        raw: true,
      });
      return { items: await views(rows) };
    },

    async one(id: number) {
      const row = await models.Notice.findByPk(id, { raw: true });
      if (!row) throw noticeNotFoundError();
      return { notice: (await views([row]))[0] };
    },

    async staffList(staff: StaffPrincipal) {
      const where = scopeWhere(staff);
      const rows = await models.Notice.findAll({
        where: where ?? {},
        order: [['id', 'DESC']],
        limit: 200,
        raw: true,
      });
      return { items: await views(rows) };
    },

    follows: {
      async follow(userId: number, code: string) {
        const community = await pages.community(code);
        const count = await models.Follow.count({ where: { user_id: userId } });
        if (count >= MAX_FOLLOWS) throw badRequest('TOO_MANY_FOLLOWS', `最多关注${MAX_FOLLOWS}个村/社区`);
        await models.Follow.findOrCreate({
          where: { user_id: userId, division_code: code },
          defaults: { user_id: userId, division_code: code, created_at: p.clock.date() },
        });
        return { following: true, code, name: community.name };
      },
      async unfollow(userId: number, code: string) {
        await models.Follow.destroy({ where: { user_id: userId, division_code: code } });
        return { following: false, code };
      },
      async list(userId: number) {
        const rows = await models.Follow.findAll({ where: { user_id: userId }, order: [['id', 'ASC']], raw: true });
        return {
          items: await Promise.all(
            rows.map(async (r) => {
              const view = await pages.community(r.division_code).catch(() => null);
              return { code: r.division_code, name: view?.name ?? '', fullName: view?.fullName ?? '' };
            }),
          ),
        };
      },
      async isFollowing(userId: number, code: string) {
        return (await models.Follow.count({ where: { user_id: userId, division_code: code } })) > 0;
      },
    },
  };
}

export type Publicity = ReturnType<typeof makePublicity>;
