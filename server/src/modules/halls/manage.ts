import { Op } from 'sequelize';
import { assertHall, divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import { divisions } from '../divisions';
import type { HallModels } from './index';
import type { HallRow, Sessions } from './models';

export interface HallInput {
  name: string;
  divisionCode: string;
  address: string;
  latitude?: number | null;
  longitude?: number | null;
  phone?: string | null;
  hours: Sessions;
  closedWeekdays: number[];
  queuePrefixes?: Record<string, string> | null;
  intro?: string | null;
  active: boolean;
}
export interface WindowInput {
  number: string;
  name: string;
  serviceCodes: string[];
  priorityLane: boolean;
}

const toRow = (i: Partial<HallInput>): Partial<HallRow> => {
  const row: Partial<HallRow> = {};
  if (i.name !== undefined) row.name = i.name;
  if (i.divisionCode !== undefined) row.division_code = i.divisionCode;
  if (i.address !== undefined) row.address = i.address;
  if (i.latitude !== undefined) row.latitude = i.latitude;
  if (i.longitude !== undefined) row.longitude = i.longitude;
  if (i.phone !== undefined) row.phone = i.phone;
  if (i.hours !== undefined) row.hours = i.hours;
  if (i.closedWeekdays !== undefined) row.closed_weekdays = i.closedWeekdays;
  if (i.queuePrefixes !== undefined) row.queue_prefixes = i.queuePrefixes;
  if (i.intro !== undefined) row.intro = i.intro;
  if (i.active !== undefined) row.active = i.active;
  return row;
};

const staffView = (h: HallRow) => ({
  id: h.id,
  name: h.name,
  divisionCode: h.division_code,
  address: h.address,
  latitude: h.latitude,
  longitude: h.longitude,
  phone: h.phone,
  hours: h.hours,
  closedWeekdays: h.closed_weekdays,
  queuePrefixes: h.queue_prefixes,
  intro: h.intro,
  active: h.active,
});

/** Staff keep their halls' facts: opening hours, windows, special days. Every write is audited. */
export function makeManage(p: Platform, { Hall, Window, Override }: HallModels, catalogue: CatalogueApi) {
  const audit = (staff: StaffPrincipal, action: string, hallId: number, detail?: Record<string, unknown>) =>
    p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target: { type: 'hall', id: hallId }, detail });

  /** The hall if this staff member may act on it; 404 otherwise (out of scope looks like absent). */
  async function hallInScope(staff: StaffPrincipal, id: number) {
    const hall = await Hall.findByPk(id);
    if (!hall) throw notFound('未找到该服务大厅');
    assertHall(staff, { id: hall.id, divisionCode: hall.division_code });
    return hall;
  }

  const checkDivision = (code: string) => {
    if (!divisions.get(code))
      throw badRequest('VALIDATION_FAILED', '提交的信息有误：区划代码不存在', { divisionCode: '区划代码不存在' });
  };

  return {
    hallInScope,
    async list(staff: StaffPrincipal) {
      const prefixes = divisionPrefixes(staff);
      const where =
        prefixes === null
          ? {}
          : {
              [Op.or]: [
                { id: { [Op.in]: staff.scope.halls.length ? staff.scope.halls : [0] } },
                ...prefixes.map((pr) => ({ division_code: { [Op.like]: `${pr}%` } })),
              ],
            };
      return { items: (await Hall.findAll({ where, order: [['id', 'ASC']] })).map(staffView) };
    },
    async get(staff: StaffPrincipal, id: number) {
      const hall = await hallInScope(staff, id);
      const windows = await Window.findAll({ where: { hall_id: id }, order: [['number', 'ASC']] });
      return {
        hall: staffView(hall),
        windows: windows.map((w) => ({
          number: w.number,
          name: w.name,
          serviceCodes: w.service_codes,
          priorityLane: w.priority_lane,
        })),
      };
    },
    async create(staff: StaffPrincipal, input: HallInput) {
      checkDivision(input.divisionCode);
      assertHall(staff, { id: 0, divisionCode: input.divisionCode });
      const hall = await Hall.create(toRow(input));
      await audit(staff, 'hall.create', hall.id, { name: input.name });
      return { hall: staffView(hall) };
    },
    async update(staff: StaffPrincipal, id: number, input: Partial<HallInput>) {
      const hall = await hallInScope(staff, id);
      if (input.divisionCode) {
        checkDivision(input.divisionCode);
        assertHall(staff, { id: 0, divisionCode: input.divisionCode });
      }
      await hall.update(toRow(input));
      await audit(staff, 'hall.update', id, { fields: Object.keys(input) });
      return { hall: staffView(hall) };
    },
    async setWindows(staff: StaffPrincipal, id: number, windows: WindowInput[]) {
      await hallInScope(staff, id);
      const known = await catalogue.byCodes(windows.flatMap((w) => w.serviceCodes));
      const unknown = windows.flatMap((w) => w.serviceCodes).filter((c) => !known.has(c));
      if (unknown.length) throw badRequest('UNKNOWN_SERVICE', `事项编码不存在：${[...new Set(unknown)].join('、')}`);
      await p.db.transaction(async (transaction) => {
        await Window.destroy({ where: { hall_id: id }, transaction });
        await Window.bulkCreate(
          windows.map((w) => ({
            hall_id: id,
            number: w.number,
            name: w.name,
            service_codes: w.serviceCodes,
            priority_lane: w.priorityLane,
            active: true,
          })),
          { transaction },
        );
      });
      await audit(staff, 'hall.windows', id, { count: windows.length });
      return this.get(staff, id);
    },
    async setDay(
      staff: StaffPrincipal,
      id: number,
      date: string,
      input: { open: boolean; hours?: Sessions | null; note?: string | null },
    ) {
      await hallInScope(staff, id);
      const values = { hall_id: id, date, open: input.open, hours: input.hours ?? null, note: input.note ?? null };
      const existing = await Override.findOne({ where: { hall_id: id, date } });
      if (existing) await existing.update(values);
      else await Override.create(values);
      await audit(staff, 'hall.day_override', id, { date, open: input.open });
      return { date, open: input.open, hours: input.hours ?? null, note: input.note ?? null };
    },
    /** Several days in one go (one transaction, one audit row): e.g. confirming an unpublished month. */
    async setDays(
      staff: StaffPrincipal,
      id: number,
      days: { date: string; open: boolean; hours?: Sessions | null; note?: string | null }[],
    ) {
      await hallInScope(staff, id);
      const dates = days.map((d) => d.date);
      await p.db.transaction(async (transaction) => {
        await Override.destroy({ where: { hall_id: id, date: { [Op.in]: dates } }, transaction });
        await Override.bulkCreate(
          days.map((d) => ({ hall_id: id, date: d.date, open: d.open, hours: d.hours ?? null, note: d.note ?? null })),
          { transaction },
        );
      });
      await audit(staff, 'hall.day_overrides', id, {
        open: days.filter((d) => d.open).map((d) => d.date),
        closed: days.filter((d) => !d.open).map((d) => d.date),
      });
      return {
        days: days.map((d) => ({ date: d.date, open: d.open, hours: d.hours ?? null, note: d.note ?? null })),
      };
    },
    async clearDay(staff: StaffPrincipal, id: number, date: string) {
      await hallInScope(staff, id);
      await Override.destroy({ where: { hall_id: id, date } });
      await audit(staff, 'hall.day_override_clear', id, { date });
      return { ok: true };
    },
  };
}
