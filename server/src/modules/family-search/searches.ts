import { Op } from 'sequelize';
import { type MyFamilySearch, pageLink, type Sex } from '@minzheng/contracts';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { VerifiedImage } from '../../platform/uploads';
import type { NoticesApi } from '../notices';
import type { FamilySearchModels, NoticeRow } from './models';
import { summaryOf } from './notices';
import { rankedMatches } from './candidates';
import type { KeptMatches } from './kept-matches';
import type { PlaceCheck } from './places';
import { MAX_AGE_GAP, NOTIFY_THRESHOLD, similarity } from './similarity';

export const MATCH_NOTICE = 'family_search.match';

/** Families register who they look for; open notices are ranked for them, and new ones reach them. */
export function makeSearches(
  p: Platform,
  m: FamilySearchModels,
  notices: NoticesApi,
  place: PlaceCheck,
  kept: KeptMatches,
) {
  return {
    async register(userId: number, input: Record<string, any>) {
      const count = await m.Search.count({ where: { user_id: userId, active: true } });
      if (count >= 5) throw badRequest('TOO_MANY_SEARCHES', '最多同时登记5位寻找对象');
      const lastSeenDivisionCode = await place(input.lastSeenDivisionCode, 'lastSeenDivisionCode');
      const row = await m.Search.create({
        user_id: userId,
        sex: input.sex,
        age_min: input.ageMin,
        age_max: input.ageMax,
        height_cm: input.heightCm ?? null,
        build: input.build ?? null,
        accent: input.accent ?? null,
        ethnicity: input.ethnicity ?? null,
        features: input.features ?? null,
        clothing: input.clothing ?? null,
        last_seen_date: input.lastSeenDate,
        last_seen_division_code: lastSeenDivisionCode,
        last_seen_place: input.lastSeenPlace,
        last_seen_lat: input.lastSeenLat ?? null,
        last_seen_lng: input.lastSeenLng ?? null,
        active: true,
        created_at: p.clock.date(),
      });
      return { id: row.id, lastSeenDivisionCode };
    },
    /** The family's searches still followed, newest first. */
    async mine(userId: number): Promise<{ items: MyFamilySearch[] }> {
      const rows = await m.Search.findAll({
        where: { user_id: userId, active: true },
        order: [['id', 'DESC']],
        raw: true,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          sex: r.sex as Sex,
          ageMin: r.age_min,
          ageMax: r.age_max,
          heightCm: r.height_cm,
          accent: r.accent,
          features: r.features,
          lastSeenDate: r.last_seen_date,
          lastSeenDivisionCode: r.last_seen_division_code,
          lastSeenPlace: r.last_seen_place,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
    /** A photo of the person looked for, re-encoded by the shared image helper (EXIF gone); replaces the last. */
    async setPhoto(userId: number, searchId: number, image: () => Promise<VerifiedImage>) {
      const own = await m.Search.count({ where: { id: searchId, user_id: userId, active: true } });
      if (!own) throw notFound('未找到该寻亲登记');
      const { mime, data } = await image();
      await p.db.transaction(async (transaction) => {
        await m.SearchPhoto.destroy({ where: { search_id: searchId }, transaction });
        await m.SearchPhoto.create({ search_id: searchId, mime, data, created_at: p.clock.date() }, { transaction });
      });
      return { hasPhoto: true };
    },
    async photo(userId: number, searchId: number) {
      const own = await m.Search.count({ where: { id: searchId, user_id: userId } });
      const photo = own ? await m.SearchPhoto.findByPk(searchId, { raw: true }) : null;
      if (!photo) throw notFound('未找到照片');
      return { mime: photo.mime, data: Buffer.from(photo.data) };
    },
    /** Station staff of the division where the person was last seen; audited. Others 404. */
    async photoForStaff(staff: StaffPrincipal, searchId: number) {
      const search = await m.Search.findOne({ where: { id: searchId, active: true }, raw: true });
      if (!search) throw notFound('未找到照片');
      assertDivision(staff, search.last_seen_division_code, '照片');
      const photo = await m.SearchPhoto.findByPk(searchId, { raw: true });
      if (!photo) throw notFound('未找到照片');
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.search_photo',
        target: { type: 'family_search_search', id: searchId },
      });
      return { mime: photo.mime, data: Buffer.from(photo.data) };
    },
    /** Withdrawn (found, or no longer wanted): no longer matched against new notices nor told. */
    async withdraw(userId: number, searchId: number) {
      const [count] = await m.Search.update(
        { active: false },
        { where: { id: searchId, user_id: userId, active: true } },
      );
      if (!count) throw notFound('未找到该寻亲登记');
      return { withdrawn: true };
    },
    /**
     * Open notices ranked by similarity, best first, with why, as the JSON bytes sent. Only the
     * family's own search (another user's: 404, checked on every read before anything kept is used);
     * the answer is kept until a notice changes, the search row changes or the Beijing day turns
     * (kept-matches.ts).
     */
    async matchesJson(userId: number, searchId: number, limit = 20): Promise<Buffer> {
      const search = await m.Search.findOne({ where: { id: searchId, user_id: userId }, raw: true });
      if (!search) throw notFound('未找到该寻亲登记');
      return kept.json(search, limit, async () => {
        const ranked = await rankedMatches(p.db, m, search, p.clock.today(), limit);
        return {
          items: ranked.map(({ n, score, reasons }) => ({
            noticeId: n.id,
            score,
            reasons,
            summary: summaryOf(n),
          })),
        };
      });
    },
    /** A new notice: every active search it fits above the threshold is told, once. */
    async onPublished(notice: NoticeRow) {
      const searches = await m.Search.findAll({
        where: {
          active: true,
          sex: notice.sex,
          last_seen_date: { [Op.lte]: notice.found_date },
          age_min: { [Op.lte]: notice.age_max + MAX_AGE_GAP },
        },
        raw: true,
      });
      for (const search of searches) {
        const s = similarity(search, notice);
        if (!s || s.score < NOTIFY_THRESHOLD) continue;
        const [, created] = await m.Match.findOrCreate({
          where: { search_id: search.id, notice_id: notice.id },
          defaults: { search_id: search.id, notice_id: notice.id, score: s.score, created_at: p.clock.date() },
        });
        if (!created) continue;
        await notices.notify(
          { userId: search.user_id },
          MATCH_NOTICE,
          { score: String(s.score), reasons: s.reasons.join('；'), summary: summaryOf(notice) },
          pageLink('familySearch', { notice: notice.id }),
        );
      }
    },
  };
}
