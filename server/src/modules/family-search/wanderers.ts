import { Op } from 'sequelize';
import { pageLink, SEX_LABELS, WANDERER_CONDITION_LABELS, type WandererCondition } from '@minzheng/contracts';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { VerifiedImage } from '../../platform/uploads';
import { checkIdNumber, ID_NUMBER_MESSAGES, maskIdNumber, maskName, maskPhone, normalizeIdNumber } from '../identity';
import type { NoticesApi } from '../notices';
import type { FamilySearchModels, NoticeRow, SearchRow, WandererRow } from './models';
import type { PlaceCheck } from './places';
import { MAX_AGE_GAP, NOTIFY_THRESHOLD, similarity } from './similarity';

export const WANDERER_NOTICE = 'family_search.wanderer';

export interface WandererInput {
  name: string;
  idNumber?: string;
  sex: 'male' | 'female';
  birthYear: number;
  heightCm?: number;
  accent?: string;
  ethnicity?: string;
  features?: string;
  condition: WandererCondition;
  homeDivisionCode: string;
  homePlace: string;
  guardianName: string;
  guardianPhone: string;
  consent: boolean;
}

export interface IntakeInput {
  stationDivisionCode: string;
  idNumber?: string;
  sex: 'male' | 'female';
  ageMin: number;
  ageMax: number;
  heightCm?: number;
  accent?: string;
  ethnicity?: string;
  features?: string;
  foundDivisionCode?: string;
}

const year = (date: string) => Number(date.slice(0, 4));

/** The registered person as if a family searched for them on the day they were found. */
function asSearch(w: WandererRow, onDate: string): SearchRow {
  const age = year(onDate) - w.birth_year;
  return {
    id: w.id,
    user_id: w.user_id,
    sex: w.sex,
    age_min: Math.max(0, age - 1),
    age_max: age,
    height_cm: w.height_cm,
    build: null,
    accent: w.accent,
    ethnicity: w.ethnicity,
    features: w.features,
    clothing: null,
    last_seen_date: onDate,
    last_seen_division_code: w.home_division_code,
    last_seen_place: w.home_place,
    last_seen_lat: null,
    last_seen_lng: null,
    active: true,
    created_at: w.created_at,
  };
}

/**
 * 易走失人员: families pre-register a relative with dementia or a disability (with consent; name,
 * ID number and their own phone encrypted, shown masked). A station's intake search finds them,
 * and a new notice that fits tells the guardian at once; the station can also tell them by hand.
 */
export function makeWanderers(p: Platform, m: FamilySearchModels, notices: NoticesApi, place: PlaceCheck) {
  const citizenView = (w: WandererRow) => ({
    id: w.id,
    name: w.name_masked,
    idNumber: w.id_masked,
    sex: w.sex,
    sexLabel: SEX_LABELS[w.sex],
    birthYear: w.birth_year,
    heightCm: w.height_cm,
    accent: w.accent,
    ethnicity: w.ethnicity,
    features: w.features,
    condition: w.condition,
    conditionLabel: WANDERER_CONDITION_LABELS[w.condition],
    homeDivisionCode: w.home_division_code,
    homePlace: w.home_place,
    guardian: { name: w.guardian_name_masked, phone: w.guardian_phone_masked },
    hasPhoto: Boolean(w.has_photo),
    consentAt: new Date(w.consent_at).toISOString(),
  });

  async function tellGuardian(w: WandererRow, n: NoticeRow, score: number, source: 'auto' | 'station') {
    const [, created] = await m.WandererHit.findOrCreate({
      where: { wanderer_id: w.id, notice_id: n.id },
      defaults: { wanderer_id: w.id, notice_id: n.id, score, source, created_at: p.clock.date() },
    });
    if (!created) return false;
    await notices.notify(
      { userId: w.user_id },
      WANDERER_NOTICE,
      {
        name: w.name_masked,
        station: n.station_name,
        contact: n.station_contact,
        foundDate: n.found_date,
        foundPlace: n.found_place,
      },
      pageLink('familySearch', { notice: n.id }),
    );
    return true;
  }

  async function own(userId: number, id: number) {
    const w = await m.Wanderer.findOne({ where: { id, user_id: userId }, raw: true });
    if (!w) throw notFound('未找到该易走失人员登记');
    return w;
  }

  return {
    async register(userId: number, input: WandererInput) {
      if (input.consent !== true)
        throw badRequest(
          'CONSENT_REQUIRED',
          '请先阅读并同意《易走失人员信息登记授权》，登记信息仅用于救助管理站查找家人',
        );
      let idNumber: string | null = null;
      if (input.idNumber) {
        idNumber = normalizeIdNumber(input.idNumber);
        const problem = checkIdNumber(idNumber, p.clock.date());
        if (problem)
          throw badRequest('VALIDATION_FAILED', ID_NUMBER_MESSAGES[problem], { idNumber: ID_NUMBER_MESSAGES[problem] });
        if (Number(idNumber.slice(6, 10)) !== input.birthYear)
          throw badRequest('VALIDATION_FAILED', '出生年份与身份证号不一致', { birthYear: '出生年份与身份证号不一致' });
        if ((Number(idNumber[16]) % 2 === 1 ? 'male' : 'female') !== input.sex)
          throw badRequest('VALIDATION_FAILED', '性别与身份证号不一致', { sex: '性别与身份证号不一致' });
        const exists = await m.Wanderer.count({ where: { id_hash: p.pii.hash(idNumber) } });
        if (exists) throw conflict('WANDERER_EXISTS', '该身份证号已登记为易走失人员，如需修改请由原登记人操作');
      }
      if (input.birthYear > year(p.clock.today()))
        throw badRequest('VALIDATION_FAILED', '出生年份不能晚于今年', { birthYear: '出生年份不能晚于今年' });
      const count = await m.Wanderer.count({ where: { user_id: userId } });
      if (count >= 5) throw badRequest('TOO_MANY_WANDERERS', '每位监护人最多登记5位易走失人员');
      const homeDivisionCode = await place(input.homeDivisionCode, 'homeDivisionCode');
      const now = p.clock.date();
      const row = await m.Wanderer.create({
        user_id: userId,
        name_enc: p.pii.encrypt(input.name),
        name_masked: maskName(input.name),
        id_enc: idNumber ? p.pii.encrypt(idNumber) : null,
        id_hash: idNumber ? p.pii.hash(idNumber) : null,
        id_masked: idNumber ? maskIdNumber(idNumber) : null,
        sex: input.sex,
        birth_year: input.birthYear,
        height_cm: input.heightCm ?? null,
        accent: input.accent ?? null,
        ethnicity: input.ethnicity ?? null,
        features: input.features ?? null,
        condition: input.condition,
        home_division_code: homeDivisionCode,
        home_place: input.homePlace,
        guardian_name_enc: p.pii.encrypt(input.guardianName),
        guardian_name_masked: maskName(input.guardianName),
        guardian_phone_enc: p.pii.encrypt(input.guardianPhone),
        guardian_phone_masked: maskPhone(input.guardianPhone),
        has_photo: false,
        consent_at: now,
        created_at: now,
      });
      return citizenView(row.get({ plain: true }) as WandererRow);
    },
    async mine(userId: number) {
      const rows = await m.Wanderer.findAll({ where: { user_id: userId }, order: [['id', 'ASC']], raw: true });
      return { items: rows.map(citizenView) };
    },
    async setPhoto(userId: number, id: number, image: () => Promise<VerifiedImage>) {
      await own(userId, id);
      const { mime, data } = await image();
      await p.db.transaction(async (transaction) => {
        await m.WandererPhoto.destroy({ where: { wanderer_id: id }, transaction });
        await m.WandererPhoto.create({ wanderer_id: id, mime, data, created_at: p.clock.date() }, { transaction });
        await m.Wanderer.update({ has_photo: true }, { where: { id }, transaction });
      });
      return { hasPhoto: true };
    },
    /** Consent withdrawn: the registration, its photo and its hits are deleted, not hidden. */
    async withdraw(userId: number, id: number) {
      await own(userId, id);
      await p.db.transaction(async (transaction) => {
        await m.WandererPhoto.destroy({ where: { wanderer_id: id }, transaction });
        await m.WandererHit.destroy({ where: { wanderer_id: id }, transaction });
        await m.Wanderer.destroy({ where: { id }, transaction });
      });
      return { deleted: true };
    },
    /**
     * 入站查寻: a station describes the person in front of them (an ID number if they carry one);
     * the register answers, best first, with reasons; names, ID and phone masked; audited.
     */
    async intakeSearch(staff: StaffPrincipal, q: IntakeInput) {
      assertDivision(staff, q.stationDivisionCode, '救助管理站');
      if (q.ageMin > q.ageMax)
        throw badRequest('VALIDATION_FAILED', '年龄下限不能大于上限', { ageMax: '年龄下限不能大于上限' });
      const today = p.clock.today();
      const thisYear = year(today);
      let byId: WandererRow | null = null;
      if (q.idNumber) {
        const idNumber = normalizeIdNumber(q.idNumber);
        if (checkIdNumber(idNumber, p.clock.date()))
          throw badRequest('VALIDATION_FAILED', '身份证号有误', { idNumber: '身份证号有误' });
        byId = (await m.Wanderer.findOne({
          where: { id_hash: p.pii.hash(idNumber) },
          raw: true,
        })) as WandererRow | null;
      }
      const rows = await m.Wanderer.findAll({
        where: {
          sex: q.sex,
          birth_year: { [Op.between]: [thisYear - q.ageMax - MAX_AGE_GAP, thisYear - q.ageMin + MAX_AGE_GAP] },
        },
        limit: 5000,
        raw: true,
      });
      const probe = {
        id: 0,
        sex: q.sex,
        age_min: q.ageMin,
        age_max: q.ageMax,
        height_cm: q.heightCm ?? null,
        build: null,
        accent: q.accent ?? null,
        ethnicity: q.ethnicity ?? null,
        features: q.features ?? null,
        clothing: null,
        found_date: today,
        found_division_code: q.foundDivisionCode ?? q.stationDivisionCode,
        found_lat: null,
        found_lng: null,
      } as unknown as NoticeRow;
      const ranked: Array<{ w: WandererRow; score: number; reasons: string[] }> = (rows as WandererRow[])
        .flatMap((w) => {
          if (byId && w.id === byId.id) return [];
          const s = similarity(asSearch(w, today), probe);
          return s ? [{ w, score: s.score, reasons: s.reasons }] : [];
        })
        .sort((a, b) => b.score - a.score || a.w.id - b.w.id)
        .slice(0, 10);
      if (byId) ranked.unshift({ w: byId, score: 100, reasons: ['身份证号一致'] });
      const items = ranked.map(({ w, score, reasons }) => ({
        id: w.id,
        score,
        reasons,
        name: w.name_masked,
        idNumber: w.id_masked,
        sexLabel: SEX_LABELS[w.sex],
        birthYear: w.birth_year,
        heightCm: w.height_cm,
        accent: w.accent,
        features: w.features,
        conditionLabel: WANDERER_CONDITION_LABELS[w.condition],
        homeDivisionCode: w.home_division_code,
        homePlace: w.home_place,
        guardian: { name: w.guardian_name_masked, phone: w.guardian_phone_masked },
        photo: w.has_photo ? `/api/staff/family-search/wanderers/${w.id}/photo` : null,
      }));
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.wanderer_search',
        target: { type: 'family_search_station', id: q.stationDivisionCode },
        detail: { results: items.length, byIdNumber: Boolean(q.idNumber) },
      });
      return { items };
    },
    async photoForStaff(staff: StaffPrincipal, id: number) {
      const photo = await m.WandererPhoto.findByPk(id, { raw: true });
      if (!photo) throw notFound('未找到照片');
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.wanderer_photo',
        target: { type: 'family_search_wanderer', id },
      });
      return { mime: photo.mime, data: Buffer.from(photo.data) };
    },
    /** The station tells the guardian about its notice (once per person and notice); audited. */
    async notifyGuardian(staff: StaffPrincipal, wandererId: number, notice: NoticeRow) {
      const w = await m.Wanderer.findByPk(wandererId, { raw: true });
      if (!w) throw notFound('未找到该易走失人员登记');
      if (!['open', 'lead', 'verified'].includes(notice.status))
        throw new AppError(400, 'NOTICE_CLOSED', '该寻亲公告已结束，无需再通知家属');
      const told = await tellGuardian(w, notice, 100, 'station');
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'family_search.wanderer_notify',
        target: { type: 'family_search_wanderer', id: wandererId },
        detail: { noticeId: notice.id, told },
      });
      return { told, message: told ? '已通知登记的监护人' : '此前已就该公告通知过监护人' };
    },
    /** A new notice: every registered person it fits above the threshold reaches their guardian. */
    async onPublished(n: NoticeRow) {
      const y = year(n.found_date);
      const rows = await m.Wanderer.findAll({
        where: {
          sex: n.sex,
          birth_year: { [Op.between]: [y - n.age_max - MAX_AGE_GAP, y - n.age_min + MAX_AGE_GAP] },
        },
        limit: 5000,
        raw: true,
      });
      for (const w of rows) {
        const s = similarity(asSearch(w, n.found_date), n);
        if (s && s.score >= NOTIFY_THRESHOLD) await tellGuardian(w, n, s.score, 'auto');
      }
    },
  };
}
