import { Op, type WhereOptions } from 'sequelize';
import { BUILD_LABELS, FAMILY_SEARCH_STATUS_LABELS, type FamilySearchStatus, SEX_LABELS } from '@minzheng/contracts';
import { assertDivision, coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { VerifiedImage } from '../../platform/uploads';
import type { FamilySearchModels, NoticeRow } from './models';
import type { KeptMatches } from './kept-matches';
import type { PlaceCheck } from './places';

/** Shown to the public while the station looks for the family. */
export const PUBLIC_STATUSES: FamilySearchStatus[] = ['open', 'lead', 'verified'];

export const NEXT_STATUSES: Record<FamilySearchStatus, FamilySearchStatus[]> = {
  open: ['lead', 'placed'],
  lead: ['open', 'verified', 'placed'],
  verified: ['lead', 'reunited', 'placed'],
  reunited: [],
  placed: [],
};

export function noticeView(n: NoticeRow) {
  return {
    id: n.id,
    status: n.status,
    statusLabel: FAMILY_SEARCH_STATUS_LABELS[n.status],
    sex: n.sex,
    sexLabel: SEX_LABELS[n.sex],
    ageRange: `${n.age_min}–${n.age_max}岁`,
    ageMin: n.age_min,
    ageMax: n.age_max,
    heightCm: n.height_cm,
    build: n.build ? BUILD_LABELS[n.build as keyof typeof BUILD_LABELS] : null,
    accent: n.accent,
    ethnicity: n.ethnicity,
    features: n.features,
    clothing: n.clothing,
    health: n.health,
    mentalState: n.mental_state,
    foundDate: n.found_date,
    foundDivisionCode: n.found_division_code,
    foundPlace: n.found_place,
    station: { name: n.station_name, contact: n.station_contact },
    photo: n.has_photo ? `/api/family-search/notices/${n.id}/photo` : null,
  };
}

export function summaryOf(n: NoticeRow) {
  return `${SEX_LABELS[n.sex]}，约${n.age_min}–${n.age_max}岁，${n.found_date}发现于${n.found_place}`;
}

/** 寻亲公告: station staff publish and follow them up; the public reads the open ones. */
/** What a staff member may not give as a notice's division: a place outside their scope. */
const OUT_OF_SCOPE: Record<'stationDivisionCode' | 'foundDivisionCode', string> = {
  stationDivisionCode: '救助管理站所在地区不在您的管辖范围内，请选择您所辖的地区',
  foundDivisionCode: '发现地点所在地区不在您的管辖范围内，请由发现地所辖的救助管理站发布',
};

export function makeNotices(
  p: Platform,
  m: FamilySearchModels,
  place: PlaceCheck,
  kept: KeptMatches,
  onPublished: (notice: NoticeRow) => Promise<void>,
) {
  async function ownNotice(staff: StaffPrincipal, id: number) {
    const n = await m.Notice.findByPk(id, { raw: true });
    if (!n) throw notFound('未找到该寻亲公告');
    assertDivision(staff, n.station_division_code, '寻亲公告');
    return n;
  }
  return {
    /**
     * The station's and the found place's divisions are checked through the divisions module before
     * anything is written: a code that never existed is refused (an abolished one is stored as
     * today's successor), and so is one outside the staff member's scope.
     */
    async publish(staff: StaffPrincipal, input: Record<string, any>) {
      if (input.foundDate > p.clock.today())
        throw badRequest('VALIDATION_FAILED', '发现日期不能晚于今天', { foundDate: '发现日期不能晚于今天' });
      const codes = {
        stationDivisionCode: await place(input.stationDivisionCode, 'stationDivisionCode'),
        foundDivisionCode: await place(input.foundDivisionCode, 'foundDivisionCode'),
      };
      for (const field of ['stationDivisionCode', 'foundDivisionCode'] as const)
        if (!coversDivision(staff, codes[field]))
          throw badRequest('DIVISION_OUT_OF_SCOPE', OUT_OF_SCOPE[field], { [field]: OUT_OF_SCOPE[field] });
      const now = p.clock.date();
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.Notice.create(
          {
            station_division_code: codes.stationDivisionCode,
            station_name: input.stationName,
            station_contact: input.stationContact,
            sex: input.sex,
            age_min: input.ageMin,
            age_max: input.ageMax,
            height_cm: input.heightCm ?? null,
            build: input.build ?? null,
            accent: input.accent ?? null,
            ethnicity: input.ethnicity ?? null,
            features: input.features ?? null,
            clothing: input.clothing ?? null,
            health: input.health ?? null,
            mental_state: input.mentalState ?? null,
            found_date: input.foundDate,
            found_division_code: codes.foundDivisionCode,
            found_place: input.foundPlace,
            found_lat: input.foundLat ?? null,
            found_lng: input.foundLng ?? null,
            has_photo: false,
            status: 'open',
            created_by: staff.id,
            created_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'family_search.publish',
            target: { type: 'family_search_notice', id: created.id },
          },
          transaction,
        );
        return created.get({ plain: true }) as NoticeRow;
      });
      // Committed: families' kept matches retire before anyone is told of the notice.
      await kept.noticesChanged();
      await onPublished(row).catch((err) => p.logger.warn({ err: err.message }, 'family search matching failed'));
      return noticeView(row);
    },
    async setPhoto(staff: StaffPrincipal, id: number, image: () => Promise<VerifiedImage>) {
      const n = await ownNotice(staff, id);
      if (!PUBLIC_STATUSES.includes(n.status)) throw badRequest('NOTICE_CLOSED', '该寻亲公告已结束，不能再上传照片');
      const { mime, data } = await image();
      await p.db.transaction(async (transaction) => {
        await m.Photo.destroy({ where: { notice_id: id }, transaction });
        await m.Photo.create({ notice_id: id, mime, data, created_at: p.clock.date() }, { transaction });
        await m.Notice.update({ has_photo: true, updated_at: p.clock.date() }, { where: { id }, transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'family_search.photo',
            target: { type: 'family_search_notice', id },
          },
          transaction,
        );
      });
      await kept.noticesChanged();
      return { photo: `/api/family-search/notices/${id}/photo` };
    },
    async setStatus(staff: StaffPrincipal, id: number, status: FamilySearchStatus) {
      const n = await ownNotice(staff, id);
      if (!NEXT_STATUSES[n.status].includes(status))
        throw badRequest(
          'STATUS_NOT_ALLOWED',
          `「${FAMILY_SEARCH_STATUS_LABELS[n.status]}」的公告不能改为「${FAMILY_SEARCH_STATUS_LABELS[status]}」`,
        );
      await p.db.transaction(async (transaction) => {
        // Reunited: the notice leaves the public and the photo is deleted, not hidden.
        if (status === 'reunited') await m.Photo.destroy({ where: { notice_id: id }, transaction });
        await m.Notice.update(
          { status, updated_at: p.clock.date(), ...(status === 'reunited' ? { has_photo: false } : {}) },
          { where: { id }, transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'family_search.status',
            target: { type: 'family_search_notice', id },
            detail: { from: n.status, to: status },
          },
          transaction,
        );
      });
      // Committed: a reunited or placed notice leaves the families' kept matches at once.
      await kept.noticesChanged();
      return { id, status, statusLabel: FAMILY_SEARCH_STATUS_LABELS[status] };
    },
    async publicList(q: {
      sex?: string;
      age?: number;
      accent?: string;
      division?: string;
      foundFrom?: string;
      foundTo?: string;
      page: number;
    }) {
      const and: WhereOptions[] = [{ status: { [Op.in]: PUBLIC_STATUSES } }];
      if (q.sex) and.push({ sex: q.sex });
      if (q.age !== undefined) and.push({ age_min: { [Op.lte]: q.age } }, { age_max: { [Op.gte]: q.age } });
      if (q.accent) and.push({ accent: { [Op.startsWith]: q.accent } });
      if (q.division) and.push({ found_division_code: { [Op.startsWith]: q.division } });
      if (q.foundFrom) and.push({ found_date: { [Op.gte]: q.foundFrom } });
      if (q.foundTo) and.push({ found_date: { [Op.lte]: q.foundTo } });
      const rows = await m.Notice.findAll({
        where: { [Op.and]: and },
        order: [
          ['found_date', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: 21,
        offset: (q.page - 1) * 20,
        raw: true,
      });
      return { items: rows.slice(0, 20).map(noticeView), hasMore: rows.length > 20 };
    },
    async publicGet(id: number) {
      const n = await m.Notice.findByPk(id, { raw: true });
      if (!n || !PUBLIC_STATUSES.includes(n.status)) throw notFound('未找到该寻亲公告，或寻亲已结束');
      return noticeView(n);
    },
    async photo(id: number) {
      const n = await m.Notice.findByPk(id, { raw: true, attributes: ['status'] });
      const photo = n && PUBLIC_STATUSES.includes(n.status) ? await m.Photo.findByPk(id, { raw: true }) : null;
      if (!photo) throw notFound('未找到照片');
      return { mime: photo.mime, data: Buffer.from(photo.data) };
    },
    ownNotice,
  };
}
