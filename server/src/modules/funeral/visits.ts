import { randomInt } from 'node:crypto';
import { literal, Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { maskName } from '../identity';
import type { FuneralModels, VisitRow, VisitSlotRow } from './models';
import type { Places } from './places';
import type { slotsBody, visitBody } from './schemas';

const notACemeteryError = () => badRequest('NOT_A_CEMETERY', '只有公墓可以预约祭扫');
const slotNotFoundError = () => notFound('未找到该祭扫时段');
const slotFullError = () => conflict('SLOT_FULL', '该时段已约满，请选择其他时段');
const alreadyBookedError = () => conflict('ALREADY_BOOKED', '您已预约该时段，每人每个时段只能预约一次');
const slotPastError = () => conflict('SLOT_PAST', '该时段已开始或已结束，请选择其他时段');

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
  remaining: Math.max(0, s.capacity - s.booked),
});

/**
 * 祭扫 booking for 清明 and 冬至: a cemetery's staff open hourly slots with a capacity in persons;
 * a citizen books one for themselves and at most four companions, once per slot, and gets a pass
 * (its code is the QR). Seats are taken by one conditional update (booked + persons ≤ capacity),
 * so no slot is ever over-booked; one booking per person per slot is a unique key.
 *
 * Not `modules/bookings`: its slots, settings, seat stock and rules are keyed by a 服务大厅 and a
 * catalogue service (marriage registration's rules, no-show bans, partner invitations) and count
 * one seat per booking; a 祭扫 booking counts its companions and belongs to a cemetery.
 */
export function makeVisits(p: Platform, m: FuneralModels, places: Places) {
  async function cemetery(placeId: number) {
    const place = await places.activePlace(placeId);
    if (place.kind !== 'cemetery') throw notACemeteryError();
    return place;
  }
  const visitView = async (v: VisitRow) => {
    const slot = await m.VisitSlot.findByPk(v.slot_id);
    const place = await places.activePlace(v.place_id);
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
        });
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
    async book(userId: number, input: z.infer<typeof visitBody>) {
      const slot = await m.VisitSlot.findByPk(input.slotId);
      if (!slot) throw slotNotFoundError();
      const now = p.clock.today();
      if (
        slot.date < now ||
        (slot.date === now && p.clock.now() >= new Date(`${slot.date}T${slot.start_time}:00+08:00`).getTime())
      )
        throw slotPastError();
      const persons = 1 + input.companions;
      const existing = await m.Visit.findOne({ where: { slot_id: slot.id, user_id: userId } });
      if (existing) throw alreadyBookedError();
      try {
        const visit = await p.db.transaction(async (transaction) => {
          const [taken] = await m.VisitSlot.update(
            { booked: literal(`booked + ${persons}`) as never },
            { where: { id: slot.id, booked: { [Op.lte]: slot.capacity - persons } }, transaction },
          );
          if (taken === 0) throw slotFullError();
          return m.Visit.create(
            {
              code: passCode(),
              slot_id: slot.id,
              place_id: slot.place_id,
              user_id: userId,
              deceased_name_masked: maskName(input.deceasedName),
              companions: input.companions,
              created_at: p.clock.date(),
            },
            { transaction },
          );
        });
        return { visit: await visitView(visit) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw alreadyBookedError();
        throw err;
      }
    },
    async mine(userId: number) {
      const rows = await m.Visit.findAll({ where: { user_id: userId }, order: [['id', 'DESC']], limit: 50 });
      return { items: await Promise.all(rows.map((r) => visitView(r))) };
    },
  };
}
