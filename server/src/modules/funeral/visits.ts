import { randomInt } from 'node:crypto';
import { literal, Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { assertDivision } from '../../platform/auth';
import { createMemo, createSeatStock } from '../../platform/cache';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { maskName, normalizeIdNumber } from '../identity';
import type { FuneralModels, GreenReason, GreenVisitRow, VisitRow, VisitSlotRow } from './models';
import type { Places } from './places';
import type { greenVisitBody, slotsBody, visitBody } from './schemas';
import { makeWinners, type NewVisit } from './winners';

const notACemeteryError = () => badRequest('NOT_A_CEMETERY', '只有公墓可以预约祭扫');
const slotNotFoundError = () => notFound('未找到该祭扫时段');
const slotFullError = () => conflict('SLOT_FULL', '该时段已约满，请选择其他时段');
const slotPastError = () => conflict('SLOT_PAST', '该时段已开始或已结束，请选择其他时段');
const greenFullError = () => conflict('SLOT_FULL', '该时段绿色通道和普通名额均已约满，请选择其他时段');
const greenNotEligibleError = () =>
  badRequest('GREEN_NOT_ELIGIBLE', '绿色通道限60周岁及以上老年人或持证残疾人，该身份证号未满60周岁');
const greenTwiceError = () => conflict('ALREADY_BOOKED', '该祭扫人已预约此时段，每人每个时段只能预约一次');
const passNotFoundError = () => notFound('未找到该预约，请核对预约码');
const notTodayError = (s: VisitSlotRow) =>
  conflict('VISIT_NOT_TODAY', `该预约为${s.date} ${s.start_time}—${s.end_time}，不是今天的预约，不能入园`);
const checkedInError = (at: Date) =>
  conflict('ALREADY_CHECKED_IN', `该预约已于${beijingHhmm(at)}核验入园，不能重复使用`);

/** The shared seat stock of 祭扫 slots (keys `<slot id>:<online seats>`). */
export const SEAT_STOCK = 'funeral-seats';

/** The minimum age of the 绿色通道 for elderly visitors (《老年人权益保障法》: 60 周岁). */
export const GREEN_MIN_AGE = 60;
export const GREEN_REASONS: Record<GreenReason, string> = { elderly: '老年人', disabled: '残疾人' };

const beijingHhmm = (d: Date) =>
  new Date(d).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
const ageOn = (idNumber: string, date: string) => {
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  return date.slice(5) >= birth.slice(5) ? years : years - 1;
};

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const passCode = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

const slotView = (s: VisitSlotRow) => ({
  id: s.id,
  date: s.date,
  start: s.start_time,
  end: s.end_time,
  capacity: s.capacity,
  /** Seats citizens can still book online (the green reserve is not among them). */
  remaining: Math.max(0, s.capacity - s.green_capacity - s.booked),
  /** Seats held back for the 绿色通道 that staff book in person. */
  greenCapacity: s.green_capacity,
  greenRemaining: Math.max(0, s.green_capacity - s.green_booked),
});

/**
 * 祭扫 booking for 清明 and 冬至: a cemetery's staff open hourly slots with a capacity in persons;
 * a citizen books one for themselves and at most four companions, once per slot, and gets a pass
 * (its code is the QR). Seats are taken by one conditional update (booked + persons ≤ capacity),
 * so no slot is ever over-booked; one booking per person per slot is a unique key. A rush is
 * kept away from the database by the shared seat stock (platform/cache's createSeatStock, the
 * one 服务大厅 bookings use), taking a party's persons at once.
 *
 * Not `modules/bookings` itself: its slots, settings and rules are keyed by a 服务大厅 and a
 * catalogue service (marriage registration's rules, no-show bans, partner invitations) and count
 * one seat per booking; a 祭扫 booking counts its companions and belongs to a cemetery.
 */
export function makeVisits(p: Platform, m: FuneralModels, places: Places) {
  async function cemetery(placeId: number) {
    const place = await places.activePlace(placeId);
    if (place.kind !== 'cemetery') throw notACemeteryError();
    return place;
  }
  // A rush reads the same slot and cemetery thousands of times: their fixed facts are kept briefly.
  const slotCopies = createMemo<VisitSlotRow>(5000);
  const placeCopies = createMemo<{ id: number; name: string; address: string }>(5000);
  const seats = createSeatStock(p.cache, SEAT_STOCK);
  const winners = makeWinners(p, m, seats);
  const fixedSlot = (id: number) =>
    slotCopies.get(String(id), async () => {
      const row = await m.VisitSlot.findByPk(id);
      if (!row) throw slotNotFoundError();
      return row.get({ plain: true }) as VisitSlotRow;
    });
  const placeOf = (id: number) =>
    placeCopies.get(String(id), async () => {
      const { name, address } = await places.activePlace(id);
      return { id, name, address };
    });
  const visitView = (v: VisitRow, slot: VisitSlotRow | null, place: { id: number; name: string; address: string }) => {
    return {
      code: v.code,
      place: { id: place.id, name: place.name, address: place.address },
      date: slot?.date ?? '',
      start: slot?.start_time ?? '',
      end: slot?.end_time ?? '',
      deceasedName: v.deceased_name_masked,
      companions: v.companions,
      persons: v.companions + 1,
      /** What the pass's QR encodes; staff at the gate look it up. */
      qr: `MZ-JS:${v.code}`,
    };
  };
  const greenView = (v: GreenVisitRow, slot: VisitSlotRow, place: { id: number; name: string; address: string }) => ({
    code: v.code,
    place: { id: place.id, name: place.name, address: place.address },
    date: slot.date,
    start: slot.start_time,
    end: slot.end_time,
    visitorName: v.visitor_name_masked,
    reason: v.reason,
    reasonName: GREEN_REASONS[v.reason],
    deceasedName: v.deceased_name_masked,
    companions: v.companions,
    persons: v.companions + 1,
    qr: `MZ-JS:${v.code}`,
  });
  return {
    async open(staff: StaffPrincipal, placeId: number, input: z.infer<typeof slotsBody>) {
      const place = await cemetery(placeId);
      assertDivision(staff, place.division_code, '公墓');
      const rows = [];
      for (let t = minutesOf(input.from); t + 60 <= minutesOf(input.to); t += 60)
        rows.push({
          place_id: placeId,
          date: input.date,
          start_time: hhmm(t),
          end_time: hhmm(t + 60),
          capacity: input.capacity,
          booked: 0,
          green_capacity: input.greenCapacity,
          green_booked: 0,
        });
      if (input.greenCapacity > input.capacity)
        throw badRequest('VALIDATION_FAILED', '绿色通道名额不能超过每小时可接待人数');
      if (!rows.length) throw badRequest('VALIDATION_FAILED', '开放时间至少一小时');
      await m.VisitSlot.bulkCreate(rows, { ignoreDuplicates: true });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'funeral.visit_slots.open',
        target: { type: 'funeral_place', id: placeId },
        detail: { ...input },
      });
      return this.slots(placeId, input.date);
    },
    async slots(placeId: number, date: string) {
      await cemetery(placeId);
      const rows = await m.VisitSlot.findAll({ where: { place_id: placeId, date }, order: [['start_time', 'ASC']] });
      return { items: rows.map((r) => slotView(r)) };
    },
    /**
     * A citizen books: the slot's fixed facts come from this process' copy (a second or so old;
     * they do not change once opened), seats from the shared stock before any database work —
     * once the hour is gone the rest of a rush is refused with one cache round trip —, and the
     * few who hold seats write their booking row and take the seats by the slot's conditional
     * update in one transaction, together with the others of this process holding seats of the
     * same hour at that moment (winners.ts: one commit per batch, each answered for itself).
     */
    async book(userId: number, input: z.infer<typeof visitBody>) {
      const slot = await fixedSlot(input.slotId);
      const now = p.clock.today();
      if (
        slot.date < now ||
        (slot.date === now && p.clock.now() >= new Date(`${slot.date}T${slot.start_time}:00+08:00`).getTime())
      )
        throw slotPastError();
      const persons = 1 + input.companions;
      const online = slot.capacity - slot.green_capacity;
      const stockKey = `${slot.id}:${online}`;
      const reserved = await seats.reserve(stockKey, persons, async () => {
        const s = await m.VisitSlot.findByPk(slot.id, { attributes: ['booked'] });
        return s ? online - s.booked : 0;
      });
      if (!reserved) throw slotFullError();
      const row: NewVisit = {
        code: passCode(),
        slot_id: slot.id,
        place_id: slot.place_id,
        user_id: userId,
        deceased_name_masked: maskName(input.deceasedName),
        companions: input.companions,
        created_at: p.clock.date(),
      };
      await winners.book(stockKey, slot.id, online, row);
      const visit = { ...row, id: 0, checked_in_at: null, checked_in_by: null };
      return { visit: visitView(visit, slot, await placeOf(slot.place_id)) };
    },
    /**
     * 绿色通道: staff book a slot in person for an elderly (60+, read from the ID number) or
     * disabled visitor, usually without a phone; seats come from the slot's green reserve first,
     * then from its ordinary seats. The visitor's ID number is kept only as a keyed hash (once per
     * slot); the name encrypted and masked. The pass code is printed or read out.
     */
    async bookGreen(staff: StaffPrincipal, input: z.infer<typeof greenVisitBody>) {
      const slot = await m.VisitSlot.findByPk(input.slotId);
      if (!slot) throw slotNotFoundError();
      const place = await places.activePlace(slot.place_id);
      assertDivision(staff, place.division_code, '公墓');
      const now = p.clock.today();
      if (slot.date < now) throw slotPastError();
      const idNumber = normalizeIdNumber(input.idNumber);
      if (input.reason === 'elderly' && ageOn(idNumber, slot.date) < GREEN_MIN_AGE) throw greenNotEligibleError();
      const idHash = p.pii.hash(`funeral-green:${idNumber}`);
      if (await m.GreenVisit.findOne({ where: { slot_id: slot.id, visitor_id_hash: idHash } })) throw greenTwiceError();
      const persons = 1 + input.companions;
      try {
        const visit = await p.db.transaction(async (transaction) => {
          const [fromReserve] = await m.VisitSlot.update(
            { green_booked: literal(`green_booked + ${persons}`) as never },
            { where: { id: slot.id, green_booked: { [Op.lte]: slot.green_capacity - persons } }, transaction },
          );
          if (fromReserve === 0) {
            const [ordinary] = await m.VisitSlot.update(
              { booked: literal(`booked + ${persons}`) as never },
              {
                where: { id: slot.id, booked: { [Op.lte]: slot.capacity - slot.green_capacity - persons } },
                transaction,
              },
            );
            if (ordinary === 0) throw greenFullError();
          }
          const created = await m.GreenVisit.create(
            {
              code: passCode(),
              slot_id: slot.id,
              place_id: slot.place_id,
              visitor_name_enc: p.pii.encrypt(input.visitorName),
              visitor_name_masked: maskName(input.visitorName),
              visitor_id_hash: idHash,
              reason: input.reason,
              deceased_name_masked: maskName(input.deceasedName),
              companions: input.companions,
              from_reserve: fromReserve > 0,
              created_by: staff.id,
              created_at: p.clock.date(),
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'funeral.visit.green',
              target: { type: 'funeral_visit', id: created.code },
              detail: { slotId: slot.id, reason: input.reason, persons, fromReserve: fromReserve > 0 },
            },
            transaction,
          );
          return created;
        });
        return { visit: greenView(visit, slot, place) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw greenTwiceError();
        throw err;
      }
    },
    /**
     * 入园核验 at the gate: staff scan the pass (MZ-JS:<code>) or type its code; a pass is good
     * on its day, at a cemetery in their divisions, once — the second scan is refused with the
     * time of the first (one conditional update, so two gates scanning at once admit it once).
     */
    async checkIn(staff: StaffPrincipal, raw: string) {
      const code = raw
        .trim()
        .toUpperCase()
        .replace(/^MZ-JS[:：]/, '');
      const online = await m.Visit.findOne({ where: { code } });
      const green = online ? null : await m.GreenVisit.findOne({ where: { code } });
      const row = online ?? green;
      if (!row) throw passNotFoundError();
      const place = await places.activePlace(row.place_id);
      assertDivision(staff, place.division_code, '预约');
      const slot = await m.VisitSlot.findByPk(row.slot_id);
      if (!slot) throw passNotFoundError();
      if (slot.date !== p.clock.today()) throw notTodayError(slot);
      const at = p.clock.date();
      const where = { id: row.id, checked_in_at: null };
      const [n] = online
        ? await m.Visit.update({ checked_in_at: at, checked_in_by: staff.id }, { where })
        : await m.GreenVisit.update({ checked_in_at: at, checked_in_by: staff.id }, { where });
      if (n === 0) {
        await row.reload();
        throw checkedInError(row.checked_in_at ?? at);
      }
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'funeral.visit.check_in',
        target: { type: 'funeral_visit', id: code },
      });
      return {
        checkIn: {
          code,
          place: { id: place.id, name: place.name },
          date: slot.date,
          start: slot.start_time,
          end: slot.end_time,
          persons: row.companions + 1,
          deceasedName: row.deceased_name_masked,
          green: green ? GREEN_REASONS[green.reason] : null,
          checkedInAt: at.toISOString(),
        },
      };
    },
    async mine(userId: number) {
      const rows = await m.Visit.findAll({ where: { user_id: userId }, order: [['id', 'DESC']], limit: 50 });
      return {
        items: await Promise.all(
          rows.map(async (r) => visitView(r, await m.VisitSlot.findByPk(r.slot_id), await placeOf(r.place_id))),
        ),
      };
    },
  };
}
