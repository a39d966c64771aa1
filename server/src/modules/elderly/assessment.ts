import {
  ASSESSMENT_PERIOD_NAMES,
  ASSESSMENT_PERIODS,
  type AssessmentSlotView,
  type AssessmentView,
  CARE_LEVEL_NAMES,
  type CareLevel,
  ELDERLY_CASE_TYPES,
  pageLink,
} from '@minzheng/contracts';
import { Op, type Transaction, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import { addDays } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import { maskName } from '../identity';
import type { NoticesApi } from '../notices';
import { PROGRESS_TEMPLATE } from './case-types';
import {
  assessmentNotFoundError,
  assessmentOpenError,
  capacityBelowBookedError,
  placeNotFoundError,
  slotClosedError,
  slotFullError,
  slotNotFoundError,
} from './errors';
import type { makeFamily } from './family';
import type { AssessmentSlotRow, ElderlyModels } from './models';
import type { SlotsBody } from './schemas';

interface Deps {
  p: Platform;
  models: ElderlyModels;
  cases: CasesApi;
  notices: NoticesApi;
  family: ReturnType<typeof makeFamily>;
}

const DAYS_AHEAD = 14;

/**
 * 老年人能力评估 (GB/T 42195): an assessment organization's staff open half-day slots; a citizen
 * books one for themself or an elder of a confirmed link, which opens a case (`PG-…`) the
 * organization's staff confirm, then record the level (or mark a no-show). The level recorded is
 * what the 助餐 subsidy and 养老服务补贴 read. One booking at a time per person; a refused,
 * withdrawn or missed booking gives its place back.
 */
export function makeAssessment({ p, models, cases, notices, family }: Deps) {
  const slotView = (s: AssessmentSlotRow): AssessmentSlotView => ({
    id: s.id,
    placeId: s.place_id,
    day: s.day,
    period: s.period,
    periodName: ASSESSMENT_PERIOD_NAMES[s.period],
    capacity: s.capacity,
    remaining: Math.max(0, s.capacity - s.booked),
  });
  const slotOrder = (a: AssessmentSlotRow, b: AssessmentSlotRow) =>
    a.day.localeCompare(b.day) || ASSESSMENT_PERIODS.indexOf(a.period) - ASSESSMENT_PERIODS.indexOf(b.period);

  /** Open slots from tomorrow on. */
  async function slots(placeId: number) {
    const place = await models.Place.findByPk(placeId, { raw: true });
    if (!place) throw placeNotFoundError();
    const tomorrow = addDays(p.clock.today(), 1);
    const rows = await models.AssessmentSlot.findAll({
      where: { place_id: placeId, day: { [Op.between]: [tomorrow, addDays(tomorrow, DAYS_AHEAD)] } },
      raw: true,
    });
    return { placeId, placeName: place.name, items: rows.sort(slotOrder).map(slotView) };
  }

  async function book(userId: number, slotId: number, linkId?: number) {
    const subject = await family.personFor(userId, linkId);
    const slot = await models.AssessmentSlot.findByPk(slotId, { raw: true });
    if (!slot) throw slotNotFoundError();
    if (slot.day <= p.clock.today()) throw slotClosedError();
    const place = await models.Place.findByPk(slot.place_id, { raw: true });
    if (!place) throw placeNotFoundError();
    const booker = await family.personFor(userId);
    try {
      return await p.db.transaction(async (transaction) => {
        const [taken] = await models.AssessmentSlot.update(
          { booked: p.db.literal('booked + 1') as unknown as number },
          { where: { id: slotId, booked: { [Op.lt]: p.db.col('capacity') } }, transaction },
        );
        if (taken !== 1) throw slotFullError();
        const who = maskName(subject.name);
        const opened = await cases.open(
          {
            type: ELDERLY_CASE_TYPES.assessment,
            applicantUserId: userId,
            divisionCode: place.division_code,
            title: `${who} 能力评估 ${slot.day}${ASSESSMENT_PERIOD_NAMES[slot.period]}`,
            acting: { kind: 'citizen', userId, displayName: maskName(booker.name) },
            record: { placeId: place.id, day: slot.day, period: slot.period, forFamilyLink: subject.linkId },
          },
          { transaction },
        );
        await models.Assessment.create(
          {
            case_id: opened.id,
            slot_id: slotId,
            booker_user_id: userId,
            link_id: subject.linkId,
            subject_hash: subject.hash,
            subject_name_enc: p.pii.encrypt(subject.name),
            live_key: `assessment:${subject.hash}`,
            level: null,
            assessed_at: null,
            created_at: p.clock.date(),
          },
          { transaction },
        );
        await notices.notify(
          { userId },
          PROGRESS_TEMPLATE,
          { service: '能力评估', number: opened.number, step: '待评估机构确认', action: '已预约', note: '' },
          pageLink('elderlyAssessment', { number: opened.number }),
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'elderly.assessment.book',
            target: { type: 'case', id: opened.number },
            detail: { slotId, forFamilyLink: subject.linkId },
          },
          transaction,
        );
        return { number: opened.number, caseId: opened.id };
      });
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw assessmentOpenError();
      throw e;
    }
  }

  /** Hooks of the case type: the engine calls them in the transition's transaction. */
  async function rowOf(caseId: number, transaction: Transaction) {
    const row = await models.Assessment.findOne({ where: { case_id: caseId }, transaction });
    if (!row) throw assessmentNotFoundError();
    return row;
  }
  const hooks = {
    /** The booking ended without an assessment: the slot's place goes back, the person may book again. */
    async release(caseId: number, transaction: Transaction, freeSlot: boolean) {
      const row = await rowOf(caseId, transaction);
      await row.update({ live_key: null }, { transaction });
      if (freeSlot)
        await models.AssessmentSlot.update(
          { booked: p.db.literal('booked - 1') as unknown as number },
          { where: { id: row.slot_id }, transaction },
        );
    },
    async recordLevel(caseId: number, transaction: Transaction, level: CareLevel) {
      const row = await rowOf(caseId, transaction);
      await row.update({ level, assessed_at: p.clock.date(), live_key: null }, { transaction });
    },
  };

  /** The level last recorded for a person (by ID hash). */
  async function levelOf(hash: string): Promise<CareLevel | null> {
    const row = await models.Assessment.findOne({
      where: { subject_hash: hash, level: { [Op.ne]: null } },
      order: [
        ['assessed_at', 'DESC'],
        ['id', 'DESC'],
      ],
      raw: true,
    });
    return (row?.level as CareLevel | undefined) ?? null;
  }

  /** Bookings I made, and those made for me. */
  async function mine(userId: number): Promise<{ items: AssessmentView[] }> {
    const self = await family.personFor(userId).catch(() => null);
    const or: WhereOptions[] = [{ booker_user_id: userId }];
    if (self) or.push({ subject_hash: self.hash });
    const rows = await models.Assessment.findAll({
      where: { [Op.or]: or },
      order: [['id', 'DESC']],
      limit: 50,
      raw: true,
    });
    if (!rows.length) return { items: [] };
    const found = await cases.find({ types: [ELDERLY_CASE_TYPES.assessment], ids: rows.map((r) => r.case_id) });
    const byId = new Map(found.map((c) => [c.id, c]));
    const stageNames = new Map<string, string>();
    for (const t of cases.describeTypes())
      if (t.key === ELDERLY_CASE_TYPES.assessment) for (const s of t.stages) stageNames.set(s.key, s.name);
    const slotsById = new Map(
      (await models.AssessmentSlot.findAll({ where: { id: rows.map((r) => r.slot_id) }, raw: true })).map((s) => [
        s.id,
        s,
      ]),
    );
    const placeIds = [...new Set([...slotsById.values()].map((s) => s.place_id))];
    const places = new Map(
      (await models.Place.findAll({ where: { id: placeIds }, attributes: ['id', 'name'], raw: true })).map((x) => [
        x.id,
        x.name,
      ]),
    );
    return {
      items: rows.flatMap((r) => {
        const c = byId.get(r.case_id);
        const slot = slotsById.get(r.slot_id);
        if (!c || !slot) return [];
        const level = (r.level as CareLevel | null) ?? null;
        return [
          {
            number: c.number,
            placeName: places.get(slot.place_id) ?? '',
            day: slot.day,
            periodName: ASSESSMENT_PERIOD_NAMES[slot.period],
            subjectName: maskName(p.pii.decrypt(r.subject_name_enc)),
            stage: c.stage,
            stageName: stageNames.get(c.stage) ?? c.stage,
            status: c.status,
            level,
            levelName: level ? CARE_LEVEL_NAMES[level] : null,
          },
        ];
      }),
    };
  }

  /** Staff of the organization open a day's half-day slots (capacity never below the booked). */
  async function setSlots(staff: StaffPrincipal, placeId: number, day: string, body: SlotsBody) {
    const place = await models.Place.findByPk(placeId, { raw: true });
    if (!place) throw placeNotFoundError();
    assertDivision(staff, place.division_code, '养老服务机构');
    if (day <= p.clock.today()) throw slotClosedError();
    await p.db.transaction(async (transaction) => {
      for (const s of body.periods) {
        const row = await models.AssessmentSlot.findOne({
          where: { place_id: placeId, day, period: s.period },
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (row) {
          if (s.capacity < row.booked) throw capacityBelowBookedError(row.booked);
          await row.update({ capacity: s.capacity, updated_at: p.clock.date() }, { transaction });
        } else
          await models.AssessmentSlot.create(
            { place_id: placeId, day, period: s.period, capacity: s.capacity, booked: 0, updated_at: p.clock.date() },
            { transaction },
          );
      }
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.assessment.slots',
          target: { type: 'elderly_place', id: placeId },
          detail: { day, periods: body.periods },
        },
        transaction,
      );
    });
    const rows = await models.AssessmentSlot.findAll({ where: { place_id: placeId, day }, raw: true });
    return { placeId, day, items: rows.sort(slotOrder).map(slotView) };
  }

  /** The one who booked cancels before the assessment (the slot's place goes back). */
  async function withdraw(userId: number, number: string) {
    const ref = await cases.byNumber(number);
    if (!ref || ref.applicantUserId !== userId || ref.type !== ELDERLY_CASE_TYPES.assessment)
      throw assessmentNotFoundError();
    const booker = await family.personFor(userId);
    await cases.act({
      caseId: ref.id,
      action: 'withdraw',
      acting: { kind: 'citizen', userId, displayName: maskName(booker.name) },
      form: {},
      opinion: null,
    });
    return (await mine(userId)).items.find((a) => a.number === number);
  }

  return { slots, book, mine, withdraw, setSlots, hooks, levelOf };
}
