import {
  type AssessmentPeriod,
  ASSESSMENT_PERIOD_NAMES,
  type AssessmentSlotView,
  type AssessmentView,
  CARE_LEVEL_NAMES,
  type CareLevel,
  ELDERLY_CASE_TYPE_NAMES,
  ELDERLY_CASE_TYPES,
  pageLink,
} from '@minzheng/contracts';
import { Op, type Transaction, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import { addDays } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { BookingsApi, Period, SlotRow } from '../bookings';
import type { CasesApi } from '../cases';
import { maskName } from '../identity';
import type { NoticesApi } from '../notices';
import { PROGRESS_TEMPLATE } from './case-types';
import {
  assessmentNotFoundError,
  assessmentOpenError,
  placeNotFoundError,
  slotClosedError,
  slotNotFoundError,
} from './errors';
import type { makeFamily } from './family';
import type { AssessmentRow, ElderlyModels } from './models';
import type { SlotsBody } from './schemas';

interface Deps {
  p: Platform;
  models: ElderlyModels;
  cases: CasesApi;
  notices: NoticesApi;
  bookings: BookingsApi;
  family: ReturnType<typeof makeFamily>;
}

const DAYS_AHEAD = 14;
const SERVICE = ELDERLY_CASE_TYPES.assessment;
/** The half-days an organization opens (capacity 0 until its staff open one). */
const PERIODS: Period[] = [
  { key: 'am', start: '09:00', end: '12:00', capacity: 0 },
  { key: 'pm', start: '14:00', end: '17:00', capacity: 0 },
];

/**
 * 老年人能力评估 (GB/T 42195): an assessment organization's staff open half-day slots; a citizen
 * books one for themself or an elder of a confirmed link, which opens a case (`PG-…`) the
 * organization's staff confirm, then record the level (or mark a no-show). The level recorded is
 * what the 助餐 subsidy and 养老服务补贴 read.
 *
 * The appointment is a booking of the bookings module (its service `elderly.assessment`, at the
 * organization as its place): slots, seats (the conditional update and the shared seat stock),
 * the one active booking of a citizen, the cancellation deadline and 我的预约 are that module's.
 * The case and its booking move together: a withdrawn or refused case cancels the booking (the
 * seat back), a cancellation in 我的预约 withdraws the case, a no-show or a recorded level ends it.
 * One live assessment at a time per person assessed (the elder, whoever booked).
 */
export function makeAssessment({ p, models, cases, notices, bookings, family }: Deps) {
  const slotView = (s: SlotRow): AssessmentSlotView => ({
    id: s.id,
    placeId: s.hall_id,
    day: s.date,
    period: s.period as AssessmentPeriod,
    periodName: ASSESSMENT_PERIOD_NAMES[s.period as AssessmentPeriod] ?? s.period,
    capacity: s.capacity,
    remaining: Math.max(0, s.capacity - s.booked),
  });

  /** Open slots from tomorrow on. */
  async function slots(placeId: number) {
    const place = await models.Place.findByPk(placeId, { raw: true });
    if (!place) throw placeNotFoundError();
    const tomorrow = addDays(p.clock.today(), 1);
    const rows = await bookings.venues.slotsBetween(placeId, SERVICE, tomorrow, addDays(tomorrow, DAYS_AHEAD));
    return { placeId, placeName: place.name, items: rows.map(slotView) };
  }

  async function book(userId: number, slotId: number, linkId?: number) {
    const subject = await family.personFor(userId, linkId);
    const slot = await bookings.venues.slot(slotId);
    if (!slot || slot.service_code !== SERVICE) throw slotNotFoundError();
    if (slot.date <= p.clock.today()) throw slotClosedError();
    const place = await models.Place.findByPk(slot.hall_id, { raw: true });
    if (!place) throw placeNotFoundError();
    const booker = await family.personFor(userId);
    const period = slot.period as AssessmentPeriod;
    try {
      // For themself the citizen's one active booking of the service is the bookings module's
      // hold; for an elder, the one live assessment of that person is this module's key.
      const { result } = await bookings.venues.book(
        userId,
        slotId,
        { serviceCode: SERVICE, hold: subject.linkId === null },
        async (transaction, booking) => {
          const who = maskName(subject.name);
          const opened = await cases.open(
            {
              type: SERVICE,
              applicantUserId: userId,
              divisionCode: place.division_code,
              title: `${who} 能力评估 ${slot.date}${ASSESSMENT_PERIOD_NAMES[period]}`,
              acting: { kind: 'citizen', userId, displayName: maskName(booker.name) },
              record: {
                placeId: place.id,
                day: slot.date,
                period,
                forFamilyLink: subject.linkId,
                bookingCode: booking.code,
              },
            },
            { transaction },
          );
          await models.Assessment.create(
            {
              case_id: opened.id,
              slot_id: slotId,
              booking_id: booking.id,
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
            {
              service: '能力评估',
              number: opened.number,
              step: '待评估机构确认',
              action: `已预约（预约码 ${booking.code}）`,
              note: '',
            },
            pageLink('elderlyAssessment', { number: opened.number }),
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'citizen', id: userId },
              action: 'elderly.assessment.book',
              target: { type: 'case', id: opened.number },
              detail: { slotId, bookingCode: booking.code, forFamilyLink: subject.linkId },
            },
            transaction,
          );
          return { number: opened.number, caseId: opened.id, bookingCode: booking.code };
        },
      );
      return result;
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
    /**
     * The booking ended without an assessment: the person may book again; a withdrawn or refused
     * booking is cancelled (its seat back), a missed one recorded as missed (the bookings rule).
     */
    async release(caseId: number, transaction: Transaction, freeSlot: boolean) {
      const row = await rowOf(caseId, transaction);
      await row.update({ live_key: null }, { transaction });
      if (row.booking_id !== null)
        await bookings.venues.close(row.booking_id, freeSlot ? 'cancelled' : 'no_show', transaction);
      else if (freeSlot)
        // A booking made before assessments were bookings of the bookings module.
        await models.AssessmentSlot.update(
          { booked: p.db.literal('booked - 1') as unknown as number },
          { where: { id: row.slot_id }, transaction },
        );
    },
    async recordLevel(caseId: number, transaction: Transaction, level: CareLevel) {
      const row = await rowOf(caseId, transaction);
      await row.update({ level, assessed_at: p.clock.date(), live_key: null }, { transaction });
      if (row.booking_id !== null) await bookings.venues.close(row.booking_id, 'completed', transaction);
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

  /** Where and when each assessment is booked: its booking, or (made before) its own slot. */
  async function whenOf(rows: AssessmentRow[]) {
    const out = new Map<
      number,
      { placeId: number; day: string; period: AssessmentPeriod; bookingCode: string | null }
    >();
    for (const b of await bookings.venues.byIds(rows.flatMap((r) => (r.booking_id === null ? [] : [r.booking_id]))))
      for (const r of rows)
        if (r.booking_id === b.id)
          out.set(r.id, { placeId: b.hall_id, day: b.date, period: b.period as AssessmentPeriod, bookingCode: b.code });
    const legacy = rows.filter((r) => r.booking_id === null);
    if (legacy.length) {
      const own = await models.AssessmentSlot.findAll({ where: { id: legacy.map((r) => r.slot_id) }, raw: true });
      for (const s of own)
        for (const r of legacy)
          if (r.slot_id === s.id)
            out.set(r.id, { placeId: s.place_id, day: s.day, period: s.period, bookingCode: null });
    }
    return out;
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
    const found = await cases.find({ types: [SERVICE], ids: rows.map((r) => r.case_id) });
    const byId = new Map(found.map((c) => [c.id, c]));
    const stageNames = new Map<string, string>();
    for (const t of cases.describeTypes())
      if (t.key === SERVICE) for (const s of t.stages) stageNames.set(s.key, s.name);
    const when = await whenOf(rows);
    const placeIds = [...new Set([...when.values()].map((w) => w.placeId))];
    const places = new Map(
      (await models.Place.findAll({ where: { id: placeIds }, attributes: ['id', 'name'], raw: true })).map((x) => [
        x.id,
        x.name,
      ]),
    );
    return {
      items: rows.flatMap((r) => {
        const c = byId.get(r.case_id);
        const w = when.get(r.id);
        if (!c || !w) return [];
        const level = (r.level as CareLevel | null) ?? null;
        return [
          {
            number: c.number,
            placeName: places.get(w.placeId) ?? '',
            day: w.day,
            periodName: ASSESSMENT_PERIOD_NAMES[w.period] ?? w.period,
            bookingCode: w.bookingCode,
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
    await bookings.venues.setCapacities(placeId, SERVICE, PERIODS, day, body.periods, async (transaction) => {
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
    const rows = await bookings.venues.slotsBetween(placeId, SERVICE, day, day);
    return { placeId, day, items: rows.map(slotView) };
  }

  /**
   * The one who booked cancels before the assessment, by the bookings rule (before the half-day
   * starts): the case is withdrawn and its booking cancelled with it (the seat back).
   */
  async function withdraw(userId: number, number: string) {
    const ref = await cases.byNumber(number);
    if (!ref || ref.applicantUserId !== userId || ref.type !== SERVICE) throw assessmentNotFoundError();
    const row = await models.Assessment.findOne({ where: { case_id: ref.id }, raw: true });
    if (row?.booking_id != null && row.live_key !== null) await bookings.venues.assertCancellable(row.booking_id);
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

  // A cancellation in 我的预约 is this withdrawal.
  bookings.venues.register(SERVICE, {
    serviceName: ELDERLY_CASE_TYPE_NAMES.assessment,
    async describe(placeId) {
      const place = await models.Place.findByPk(placeId, { attributes: ['name', 'address'], raw: true });
      return { name: place?.name ?? '评估机构', address: place?.address ?? '' };
    },
    async cancel(userId, booking) {
      const row = await models.Assessment.findOne({ where: { booking_id: booking.id }, raw: true });
      if (!row) throw assessmentNotFoundError();
      const ref = (await cases.find({ types: [SERVICE], ids: [row.case_id] }))[0];
      if (!ref) throw assessmentNotFoundError();
      await withdraw(userId, ref.number);
    },
  });

  return { slots, book, mine, withdraw, setSlots, hooks, levelOf };
}
