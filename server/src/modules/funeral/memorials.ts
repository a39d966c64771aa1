import { randomInt } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { reencodeImage, type UploadedFile } from '../../platform/uploads';
import type { MemorialMessageRow, MemorialRow } from './models';
import type { FuneralModels } from './models';
import type { memorialBody, memorialMessageBody } from './schemas';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const MAX_OWNED = 20;
const MAX_PENDING = 10;

const memorialNotFoundError = () => notFound('未找到该纪念页，请核对分享链接');
const messageNotFoundError = () => notFound('未找到该留言');
const familyOnlyError = () => new AppError(403, 'MEMORIAL_FAMILY_ONLY', '只有创建纪念页的家属可以管理留言');
const familyOnlyEditError = () =>
  new AppError(403, 'MEMORIAL_FAMILY_ONLY', '只有创建纪念页的家属可以修改或撤下纪念页，您的操作未生效');
const withdrawnError = () => new AppError(410, 'MEMORIAL_WITHDRAWN', '该纪念页已由家属撤下，不能再查看、留言或献花');
const noPhotoError = () => notFound('该纪念页还没有照片');
/** Photos of the deceased: JPEG or PNG, decoded and encoded anew (no EXIF), the long side at most 1280 px. */
export const MAX_MEMORIAL_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

/**
 * 云祭扫: a simple memorial page a family creates for a deceased relative (MZ/T 173-2021 网上纪念馆),
 * shared by its code. Relatives and friends leave messages, which stay with the family until the
 * family shows them (or hides them; a shown one can be hidden later) — the family's own appear at
 * once. Anyone may lay a flower once a day: free, counted for the page only. No rankings, no
 * virtual goods, nothing sold (services.md §5: commercial sites rank "香火最旺").
 */
export function makeMemorials(p: Platform, m: FuneralModels) {
  const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  /** The page by its share code: 404 when there is none, 410 「已撤下」 when the family withdrew it. */
  async function byCode(code: string) {
    const row = await m.Memorial.findOne({ where: { code } });
    if (!row) throw memorialNotFoundError();
    if (row.withdrawn_at) throw withdrawnError();
    return row;
  }
  /** The page, for its family only (403 to anyone else, nothing changed). */
  async function ownPage(userId: number, code: string) {
    const row = await byCode(code);
    if (row.owner_user_id !== userId) throw familyOnlyEditError();
    return row;
  }
  function checkDates(body: { bornOn?: string; diedOn: string }) {
    if (body.diedOn > p.clock.today()) throw badRequest('DIED_IN_FUTURE', '逝世日期不能晚于今天');
    if (body.bornOn && body.bornOn >= body.diedOn) throw badRequest('BORN_AFTER_DEATH', '出生日期应早于逝世日期');
  }
  const summary = (r: MemorialRow) => ({
    code: r.code,
    deceasedName: r.deceased_name,
    bornOn: r.born_on,
    diedOn: r.died_on,
    biography: r.biography,
    flowers: r.flowers,
    /** The photo of the deceased (anyone with the code may load it; a new one has a new URL). */
    photoUrl: r.photo_version ? `/api/funeral/memorials/${r.code}/photo?v=${r.photo_version}` : null,
  });
  const message = (r: MemorialMessageRow, userId: number) => ({
    id: r.id,
    signature: r.signature,
    content: r.content,
    status: r.status,
    statusName: r.status === 'pending' ? '待家属审核' : r.status === 'hidden' ? '家属已隐藏' : '已显示',
    at: r.created_at,
    mine: r.user_id === userId,
  });

  return {
    async create(userId: number, body: z.infer<typeof memorialBody>) {
      checkDates(body);
      if ((await m.Memorial.count({ where: { owner_user_id: userId, withdrawn_at: null } })) >= MAX_OWNED)
        throw conflict('TOO_MANY_MEMORIALS', `每人最多创建${MAX_OWNED}个纪念页`);
      const now = p.clock.date();
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await m.Memorial.create({
            code: newCode(),
            owner_user_id: userId,
            deceased_name: body.deceasedName,
            born_on: body.bornOn ?? null,
            died_on: body.diedOn,
            biography: body.biography ?? null,
            flowers: 0,
            photo_version: 0,
            withdrawn_at: null,
            created_at: now,
            updated_at: now,
          });
          return { memorial: summary(row) };
        } catch (err) {
          if (!(err instanceof UniqueConstraintError) || attempt >= 3) throw err;
        }
      }
    },

    async mine(userId: number) {
      const rows = await m.Memorial.findAll({
        where: { owner_user_id: userId, withdrawn_at: null },
        order: [['id', 'DESC']],
      });
      const pending = rows.length
        ? await m.MemorialMessage.count({
            where: { memorial_id: rows.map((r) => r.id), status: 'pending' },
            group: ['memorial_id'],
          })
        : [];
      const pendingOf = new Map(
        (pending as unknown as { memorial_id: number; count: number }[]).map((c) => [c.memorial_id, Number(c.count)]),
      );
      return { items: rows.map((r) => ({ ...summary(r), pendingMessages: pendingOf.get(r.id) ?? 0 })) };
    },

    /** The family corrects the page: name, dates and life, as when it was made (the photo apart). */
    async edit(userId: number, code: string, body: z.infer<typeof memorialBody>) {
      const row = await ownPage(userId, code);
      checkDates(body);
      await row.update({
        deceased_name: body.deceasedName,
        born_on: body.bornOn ?? null,
        died_on: body.diedOn,
        biography: body.biography ?? null,
        updated_at: p.clock.date(),
      });
      return { memorial: summary(row) };
    },

    /**
     * The family withdraws the page: from then on its code answers 410 「已撤下」 to everyone (the
     * family too) and it leaves their list; the photo's bytes are deleted, messages are no longer
     * shown to anyone. Once (a second time is the same 410).
     */
    async withdraw(userId: number, code: string) {
      const row = await ownPage(userId, code);
      await p.db.transaction(async (transaction) => {
        const [n] = await m.Memorial.update(
          { withdrawn_at: p.clock.date(), photo_version: 0, updated_at: p.clock.date() },
          { where: { id: row.id, withdrawn_at: null }, transaction },
        );
        if (n === 0) throw withdrawnError();
        await m.MemorialPhoto.destroy({ where: { memorial_id: row.id }, transaction });
      });
      return { withdrawn: true, code };
    },

    /** The family sets (or replaces) the photo: checked before the upload is read. */
    async setPhoto(userId: number, code: string, read: () => Promise<UploadedFile>) {
      const row = await ownPage(userId, code);
      const file = await read();
      const image = await reencodeImage(file.data, { accept: PHOTO_TYPES, maxEdge: 1280 });
      const now = p.clock.date();
      await p.db.transaction(async (transaction) => {
        await m.MemorialPhoto.upsert(
          { memorial_id: row.id, mime: image.mime, data: image.data, updated_at: now },
          { transaction },
        );
        await row.update({ photo_version: row.photo_version + 1, updated_at: now }, { transaction });
      });
      return { memorial: summary(row) };
    },

    async removePhoto(userId: number, code: string) {
      const row = await ownPage(userId, code);
      await p.db.transaction(async (transaction) => {
        await m.MemorialPhoto.destroy({ where: { memorial_id: row.id }, transaction });
        await row.update({ photo_version: 0, updated_at: p.clock.date() }, { transaction });
      });
      return { memorial: summary(row) };
    },

    /** The photo's bytes, for anyone holding the share code (an <image> sends no login). */
    async photo(code: string) {
      const row = await byCode(code);
      if (!row.photo_version) throw noPhotoError();
      const photo = await m.MemorialPhoto.findByPk(row.id);
      if (!photo) throw noPhotoError();
      return { mime: photo.mime, data: Buffer.from(photo.data) };
    },

    /**
     * The page as `userId` sees it: the messages the family shows; the family also sees those
     * waiting for them (and hidden ones, to show again), a visitor only their own waiting ones.
     */
    async view(userId: number, code: string) {
      const row = await byCode(code);
      const family = row.owner_user_id === userId;
      const [shown, waiting, flowered] = await Promise.all([
        m.MemorialMessage.findAll({
          where: { memorial_id: row.id, status: 'shown' },
          order: [['id', 'DESC']],
          limit: 200,
        }),
        m.MemorialMessage.findAll({
          where: family
            ? { memorial_id: row.id, status: ['pending', 'hidden'] }
            : { memorial_id: row.id, status: 'pending', user_id: userId },
          order: [['id', 'DESC']],
          limit: 200,
        }),
        m.MemorialFlower.findOne({ where: { memorial_id: row.id, user_id: userId, day: p.clock.today() } }),
      ]);
      return {
        memorial: summary(row),
        family,
        floweredToday: Boolean(flowered),
        messages: shown.map((r) => message(r, userId)),
        waiting: waiting.map((r) => message(r, userId)),
      };
    },

    async leaveMessage(userId: number, code: string, body: z.infer<typeof memorialMessageBody>) {
      const row = await byCode(code);
      const family = row.owner_user_id === userId;
      if (
        !family &&
        (await m.MemorialMessage.count({ where: { memorial_id: row.id, user_id: userId, status: 'pending' } })) >=
          MAX_PENDING
      )
        throw conflict('TOO_MANY_PENDING', '您的留言较多，正等待家属审核，请稍后再留言');
      const created = await m.MemorialMessage.create({
        memorial_id: row.id,
        user_id: userId,
        signature: body.signature,
        content: body.content,
        status: family ? 'shown' : 'pending',
        moderated_at: null,
        created_at: p.clock.date(),
      });
      return { message: message(created, userId) };
    },

    /** The family shows or hides a message on their memorial. */
    async moderate(userId: number, code: string, messageId: number, action: 'show' | 'hide') {
      const row = await byCode(code);
      if (row.owner_user_id !== userId) throw familyOnlyError();
      const msg = await m.MemorialMessage.findOne({ where: { id: messageId, memorial_id: row.id } });
      if (!msg) throw messageNotFoundError();
      await msg.update({ status: action === 'show' ? 'shown' : 'hidden', moderated_at: p.clock.date() });
      return { message: message(msg, userId) };
    },

    /** A flower, once a day per person and memorial (a unique key; the count moves in the same transaction). */
    async layFlower(userId: number, code: string) {
      const row = await byCode(code);
      try {
        await p.db.transaction(async (transaction) => {
          await m.MemorialFlower.create(
            { memorial_id: row.id, user_id: userId, day: p.clock.today(), created_at: p.clock.date() },
            { transaction },
          );
          await m.Memorial.increment('flowers', { where: { id: row.id }, transaction });
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw conflict('ALREADY_FLOWERED', '您今天已献过花，明天可再来');
        throw err;
      }
      const fresh = await byCode(code);
      return { flowers: fresh.flowers, floweredToday: true };
    },
  };
}
