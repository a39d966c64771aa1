import { Op, QueryTypes, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { NEED_CATEGORY_NAMES, SOCIAL_WORKER_LEVEL_NAMES, type SocialWorkerLevel } from '@minzheng/contracts';
import { addMonths, daysBetween } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, conflict } from '../../platform/errors';
import { assertInScope, covers, divisionWhere } from './access';
import type { SocialWorkDeps } from './deps';
import {
  badDatesError,
  certificateTakenError,
  orgNotFoundError,
  orgTakenError,
  socialOrgUnknownError,
  staffTakenError,
  staffUnknownError,
  stationNotFoundError,
  trainingTakenError,
  townshipRequiredError,
  workerNotFoundError,
} from './errors';
import type { LevelRuleRow, StationRow, TrainingRow, WorkerRow } from './models';
import type { registrationBody, stationBody, stationPatch, trainingBody, workerBody, workerPatch } from './schemas';

/** How far ahead the registry warns of a registration or hours deadline. */
export const REMIND_DAYS = 90;

export interface Reminder {
  kind: 'first_registration' | 're_registration' | 'hours';
  dueOn: string;
  daysLeft: number;
  message: string;
}

/**
 * The registry: service organizations (by credit code, from the social organization
 * register), 乡镇/街道社工站, social workers with their certificate, registration and
 * continuing-education hours. Deadlines and hours come from `social_work_level_rules`.
 */
export function makeRegistry(deps: SocialWorkDeps) {
  const { p, models, socialOrgs, staff: staffApi } = deps;

  async function rules(): Promise<Map<SocialWorkerLevel, LevelRuleRow>> {
    const rows = await models.LevelRule.findAll({ raw: true });
    return new Map(rows.map((r) => [r.level, r]));
  }

  /** The credit code must name an organization in the social organization register. */
  async function socialOrgName(uscc: string): Promise<string> {
    try {
      const profile = (await socialOrgs.profile(uscc)) as { name?: string; org?: { name?: string } };
      return profile.org?.name ?? profile.name ?? uscc;
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw socialOrgUnknownError();
      throw err;
    }
  }

  async function orgIdOf(uscc: string | undefined): Promise<number | null> {
    if (!uscc) return null;
    const org = await models.Org.findOne({ where: { uscc } });
    if (!org) throw socialOrgUnknownError();
    return org.id;
  }

  /** What a worker must do next and by when, from the rules of their level. */
  function remindersOf(w: WorkerRow, rule: LevelRuleRow, hoursInPeriod: number, today: string): Reminder[] {
    const out: Reminder[] = [];
    if (!w.registered_on) {
      const dueOn = addMonths(w.certified_on, rule.first_registration_months);
      const daysLeft = daysBetween(today, dueOn);
      if (daysLeft <= REMIND_DAYS)
        out.push({
          kind: 'first_registration',
          dueOn,
          daysLeft,
          message:
            daysLeft < 0
              ? `取得证书已超过${rule.first_registration_months}个月仍未登记（应于${dueOn}前登记）`
              : `须在${dueOn}前完成首次登记（剩${daysLeft}天）`,
        });
      return out;
    }
    const dueOn = addMonths(w.registered_on, rule.period_months);
    const daysLeft = daysBetween(today, dueOn);
    const short = rule.hours_per_period - hoursInPeriod;
    if (daysLeft <= REMIND_DAYS)
      out.push({
        kind: 're_registration',
        dueOn,
        daysLeft,
        message: daysLeft < 0 ? `登记已于${dueOn}到期，请尽快再登记` : `须在${dueOn}前再登记（剩${daysLeft}天）`,
      });
    if (short > 0 && daysLeft <= REMIND_DAYS)
      out.push({
        kind: 'hours',
        dueOn,
        daysLeft,
        message: `本登记周期继续教育${fmt(hoursInPeriod)}学时，还差${fmt(short)}学时（${rule.name}每周期不少于${rule.hours_per_period}学时）`,
      });
    return out;
  }

  async function hoursInPeriods(workers: WorkerRow[]): Promise<Map<number, number>> {
    const registered = workers.filter((w) => w.registered_on);
    if (!registered.length) return new Map();
    const rows = (await models.Training.findAll({
      where: { worker_id: { [Op.in]: registered.map((w) => w.id) } },
      raw: true,
    })) as TrainingRow[];
    const since = new Map(registered.map((w) => [w.id, w.registered_on as string]));
    const out = new Map<number, number>();
    for (const r of rows) {
      const from = since.get(r.worker_id);
      if (from && r.completed_on >= from) out.set(r.worker_id, (out.get(r.worker_id) ?? 0) + Number(r.hours));
    }
    return out;
  }

  async function workerViews(workers: WorkerRow[]) {
    const levelRules = await rules();
    const hours = await hoursInPeriods(workers);
    const stationIds = [...new Set(workers.map((w) => w.station_id).filter((x): x is number => x !== null))];
    const stations = stationIds.length ? await models.Station.findAll({ where: { id: { [Op.in]: stationIds } } }) : [];
    const stationName = new Map(stations.map((s) => [s.id, s.name]));
    const orgIds = [...new Set(workers.map((w) => w.org_id).filter((x): x is number => x !== null))];
    const orgs = orgIds.length ? await models.Org.findAll({ where: { id: { [Op.in]: orgIds } } }) : [];
    const orgUscc = new Map(orgs.map((o) => [o.id, o.uscc]));
    const today = p.clock.today();
    return workers.map((w) => {
      const rule = levelRules.get(w.level)!;
      const inPeriod = hours.get(w.id) ?? 0;
      return {
        id: w.id,
        name: w.name,
        level: w.level,
        levelName: SOCIAL_WORKER_LEVEL_NAMES[w.level],
        certificateNo: w.certificate_no,
        certifiedOn: w.certified_on,
        registeredOn: w.registered_on,
        registrationDueOn: w.registered_on
          ? addMonths(w.registered_on, rule.period_months)
          : addMonths(w.certified_on, rule.first_registration_months),
        hoursInPeriod: fmt(inPeriod),
        hoursRequired: rule.hours_per_period,
        divisionCode: w.division_code,
        stationId: w.station_id,
        stationName: w.station_id ? (stationName.get(w.station_id) ?? null) : null,
        staffId: w.staff_id,
        orgUscc: w.org_id ? (orgUscc.get(w.org_id) ?? null) : null,
        reminders: remindersOf(w, rule, inPeriod, today),
      };
    });
  }

  async function worker(staff: StaffPrincipal, id: number) {
    const w = await models.Worker.findByPk(id);
    if (!w || !covers(staff, w.division_code)) throw workerNotFoundError();
    return w;
  }

  async function audit(
    staff: StaffPrincipal,
    action: string,
    target: { type: string; id: number },
    detail?: Record<string, unknown>,
  ) {
    await p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target, detail });
  }

  return {
    rules,
    async levelRules() {
      return {
        items: [...(await rules()).values()].map((r) => ({
          level: r.level,
          name: r.name,
          firstRegistrationMonths: r.first_registration_months,
          periodMonths: r.period_months,
          hoursPerPeriod: r.hours_per_period,
          source: r.source,
        })),
      };
    },

    // ---- service organizations ----
    async registerOrg(staff: StaffPrincipal, uscc: string) {
      const name = await socialOrgName(uscc);
      // The credit code's digits 3–8 are the registering authority's division.
      const divisionCode = uscc.slice(2, 8);
      assertInScope(staff, divisionCode);
      try {
        const org = await models.Org.create({
          name,
          uscc,
          division_code: divisionCode,
          created_by: staff.id,
          created_at: p.clock.date(),
        });
        await audit(staff, 'social_work.org.register', { type: 'social_work_org', id: org.id }, { uscc });
        return { org: { id: org.id, name: org.name, uscc: org.uscc, divisionCode: org.division_code } };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw orgTakenError();
        throw err;
      }
    },
    async orgs(staff: StaffPrincipal) {
      const rows = await models.Org.findAll({ where: divisionWhere(staff) ?? {}, order: [['id', 'ASC']] });
      return { items: rows.map((o) => ({ id: o.id, name: o.name, uscc: o.uscc, divisionCode: o.division_code })) };
    },

    // ---- stations ----
    async createStation(staff: StaffPrincipal, input: z.infer<typeof stationBody>) {
      const divisionCode = input.divisionCode.slice(0, 9);
      if (divisionCode.endsWith('000')) throw townshipRequiredError();
      assertInScope(staff, divisionCode);
      const orgId = await orgIdOf(input.orgUscc);
      const station = await p.db.transaction(async (transaction) => {
        const s = await models.Station.create(
          {
            name: input.name,
            division_code: divisionCode,
            org_id: orgId,
            address: input.address,
            phone: input.phone,
            office_hours: input.officeHours,
            description: input.description,
            services: input.services,
            lat: input.lat ?? null,
            lng: input.lng ?? null,
            created_by: staff.id,
            created_at: p.clock.date(),
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.station.create',
            target: { type: 'social_work_station', id: s.id },
            detail: { name: input.name, divisionCode },
          },
          transaction,
        );
        return s;
      });
      return { station: (await this.staffStationViews([station]))[0] };
    },
    async stationViews(rows: StationRow[], from?: { lat: number; lng: number }) {
      if (!rows.length) return [];
      const counts = (await p.db.query(
        `SELECT station_id, COUNT(*) AS n, SUM(CASE WHEN registered_on IS NOT NULL THEN 1 ELSE 0 END) AS certified
           FROM social_work_workers WHERE station_id IN (:ids) GROUP BY station_id`,
        { replacements: { ids: rows.map((r) => r.id) }, type: QueryTypes.SELECT },
      )) as { station_id: number; n: number | string; certified: number | string }[];
      const byStation = new Map(counts.map((c) => [Number(c.station_id), c]));
      return rows.map((s) => ({
        id: s.id,
        name: s.name,
        divisionCode: s.division_code,
        address: s.address,
        phone: s.phone,
        officeHours: s.office_hours,
        description: s.description,
        services: s.services,
        serviceNames: s.services.map((c) => NEED_CATEGORY_NAMES[c]),
        workerCount: Number(byStation.get(s.id)?.n ?? 0),
        certifiedCount: Number(byStation.get(s.id)?.certified ?? 0),
        distanceM:
          from && s.lat !== null && s.lng !== null ? Math.round(distanceM(from, { lat: s.lat, lng: s.lng })) : null,
      }));
    },
    async staffStations(staff: StaffPrincipal) {
      const rows = await models.Station.findAll({ where: divisionWhere(staff) ?? {}, order: [['id', 'ASC']] });
      return { items: await this.staffStationViews(rows) };
    },
    /** What the registry's edit form needs besides the public view: the operator, the position. */
    async staffStationViews(rows: StationRow[]) {
      const views = await this.stationViews(rows);
      const orgIds = [...new Set(rows.map((r) => r.org_id).filter((x): x is number => x !== null))];
      const orgs = orgIds.length ? await models.Org.findAll({ where: { id: { [Op.in]: orgIds } } }) : [];
      const byId = new Map(orgs.map((o) => [o.id, o]));
      return views.map((v, i) => {
        const org = rows[i].org_id ? byId.get(rows[i].org_id as number) : undefined;
        return { ...v, orgUscc: org?.uscc ?? null, orgName: org?.name ?? null, lat: rows[i].lat, lng: rows[i].lng };
      });
    },
    async stationInScope(staff: StaffPrincipal, id: number) {
      const s = await models.Station.findByPk(id);
      if (!s || !covers(staff, s.division_code)) throw stationNotFoundError();
      return s;
    },

    /** Edit a station (not its 乡镇: requests are routed by it); audited with the fields changed. */
    async updateStation(staff: StaffPrincipal, id: number, input: z.infer<typeof stationPatch>) {
      const s = await this.stationInScope(staff, id);
      const orgId = input.orgUscc === undefined ? undefined : await orgIdOf(input.orgUscc ?? undefined);
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(orgId !== undefined ? { org_id: orgId } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.officeHours !== undefined ? { office_hours: input.officeHours } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.services !== undefined ? { services: input.services } : {}),
        ...(input.lat !== undefined ? { lat: input.lat } : {}),
        ...(input.lng !== undefined ? { lng: input.lng } : {}),
      };
      await p.db.transaction(async (transaction) => {
        await s.update(changes, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.station.update',
            target: { type: 'social_work_station', id: s.id },
            detail: { fields: Object.keys(input) },
          },
          transaction,
        );
      });
      return { station: (await this.staffStationViews([s]))[0] };
    },

    // ---- workers ----
    async registerWorker(staff: StaffPrincipal, input: z.infer<typeof workerBody>) {
      assertInScope(staff, input.divisionCode);
      const today = p.clock.today();
      if (input.certifiedOn > today) throw badDatesError('取得证书日期不能晚于今天');
      if (input.registeredOn && (input.registeredOn < input.certifiedOn || input.registeredOn > today))
        throw badDatesError('登记日期应在取得证书之后、今天之前');
      if (input.stationId) await this.stationInScope(staff, input.stationId);
      if (input.staffId) {
        const profile = await staffApi.profile(input.staffId);
        if (!profile?.roles.includes('social_worker')) throw staffUnknownError();
      }
      const orgId = await orgIdOf(input.orgUscc);
      try {
        const w = await p.db.transaction(async (transaction) => {
          const now = p.clock.date();
          const w = await models.Worker.create(
            {
              name: input.name,
              level: input.level,
              certificate_no: input.certificateNo,
              certified_on: input.certifiedOn,
              registered_on: input.registeredOn ?? null,
              station_id: input.stationId ?? null,
              org_id: orgId,
              staff_id: input.staffId ?? null,
              division_code: input.divisionCode,
              created_by: staff.id,
              created_at: now,
              updated_at: now,
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'social_work.worker.register',
              target: { type: 'social_worker', id: w.id },
              detail: { level: input.level, certificateNo: input.certificateNo },
            },
            transaction,
          );
          return w;
        });
        return { worker: (await workerViews([w]))[0] };
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          const fields = Object.keys(err.fields ?? {}).join(',');
          if (fields.includes('staff') || String(err.message).includes('staff')) throw staffTakenError();
          const byCert = await models.Worker.count({ where: { certificate_no: input.certificateNo } });
          throw byCert ? certificateTakenError() : staffTakenError();
        }
        throw err;
      }
    },
    /**
     * Edit a worker's record: both the record and, when it moves, its new division are in the
     * officer's scope; the dates still hold together; a taken certificate or account is refused.
     */
    async updateWorker(staff: StaffPrincipal, id: number, input: z.infer<typeof workerPatch>) {
      const w = await worker(staff, id);
      if (input.divisionCode !== undefined) assertInScope(staff, input.divisionCode);
      const certifiedOn = input.certifiedOn ?? w.certified_on;
      if (certifiedOn > p.clock.today()) throw badDatesError('取得证书日期不能晚于今天');
      if (w.registered_on && certifiedOn > w.registered_on) throw badDatesError('取得证书日期不能晚于登记日期');
      if (input.stationId) await this.stationInScope(staff, input.stationId);
      if (input.staffId) {
        const profile = await staffApi.profile(input.staffId);
        if (!profile?.roles.includes('social_worker')) throw staffUnknownError();
      }
      const orgId = input.orgUscc === undefined ? undefined : await orgIdOf(input.orgUscc ?? undefined);
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.certificateNo !== undefined ? { certificate_no: input.certificateNo } : {}),
        ...(input.certifiedOn !== undefined ? { certified_on: input.certifiedOn } : {}),
        ...(input.divisionCode !== undefined ? { division_code: input.divisionCode } : {}),
        ...(input.stationId !== undefined ? { station_id: input.stationId } : {}),
        ...(orgId !== undefined ? { org_id: orgId } : {}),
        ...(input.staffId !== undefined ? { staff_id: input.staffId } : {}),
        updated_at: p.clock.date(),
      };
      try {
        await p.db.transaction(async (transaction) => {
          await w.update(changes, { transaction });
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'social_work.worker.update',
              target: { type: 'social_worker', id: w.id },
              detail: { fields: Object.keys(input) },
            },
            transaction,
          );
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          await w.reload();
          if (input.certificateNo !== undefined) {
            const byCert = await models.Worker.count({
              where: { certificate_no: input.certificateNo, id: { [Op.ne]: w.id } },
            });
            if (byCert) throw certificateTakenError();
          }
          throw staffTakenError();
        }
        throw err;
      }
      return { worker: (await workerViews([w]))[0] };
    },
    async workers(staff: StaffPrincipal, dueOnly: boolean) {
      const rows = await models.Worker.findAll({ where: divisionWhere(staff) ?? {}, order: [['id', 'ASC']] });
      const views = await workerViews(rows);
      return { items: dueOnly ? views.filter((v) => v.reminders.length > 0) : views };
    },
    async workerView(staff: StaffPrincipal, id: number) {
      return { worker: (await workerViews([await worker(staff, id)]))[0] };
    },
    async recordRegistration(staff: StaffPrincipal, id: number, input: z.infer<typeof registrationBody>) {
      const w = await worker(staff, id);
      const today = p.clock.today();
      if (input.registeredOn > today || input.registeredOn < w.certified_on)
        throw badDatesError('登记日期应在取得证书之后、今天之前');
      if (w.registered_on) {
        if (input.registeredOn <= w.registered_on) throw badDatesError('再登记日期应晚于上次登记日期');
        // Re-registration needs the period's continuing-education hours.
        const rule = (await rules()).get(w.level)!;
        const done = (await hoursInPeriods([w])).get(w.id) ?? 0;
        if (done < rule.hours_per_period)
          throw conflict(
            'HOURS_SHORT',
            `本登记周期继续教育仅${fmt(done)}学时，${rule.name}须满${rule.hours_per_period}学时才能再登记`,
          );
      }
      await p.db.transaction(async (transaction) => {
        await w.update({ registered_on: input.registeredOn, updated_at: p.clock.date() }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.worker.registration',
            target: { type: 'social_worker', id: w.id },
            detail: { registeredOn: input.registeredOn },
          },
          transaction,
        );
      });
      return { worker: (await workerViews([w]))[0] };
    },
    async addTraining(staff: StaffPrincipal, id: number, input: z.infer<typeof trainingBody>) {
      const w = await worker(staff, id);
      if (input.completedOn > p.clock.today()) throw badDatesError('完成日期不能晚于今天');
      // Entered once: the same course on the same day for the same worker is one entry.
      const again = await models.Training.count({
        where: { worker_id: w.id, course: input.course, completed_on: input.completedOn },
      });
      if (again) throw trainingTakenError();
      await p.db
        .transaction(async (transaction) => {
          const t = await models.Training.create(
            {
              worker_id: w.id,
              hours: input.hours,
              course: input.course,
              completed_on: input.completedOn,
              created_by: staff.id,
              created_at: p.clock.date(),
            },
            { transaction },
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'social_work.worker.training',
              target: { type: 'social_worker', id: w.id },
              detail: { trainingId: t.id, hours: input.hours },
            },
            transaction,
          );
        })
        .catch((err) => {
          if (err instanceof UniqueConstraintError) throw trainingTakenError();
          throw err;
        });
      return { worker: (await workerViews([w]))[0] };
    },
    /** The worker record of a staff account (null: the account is not a registered worker). */
    async workerOfStaff(staffId: number) {
      return models.Worker.findOne({ where: { staff_id: staffId } });
    },
    async orgById(id: number) {
      const org = await models.Org.findByPk(id);
      if (!org) throw orgNotFoundError();
      return org;
    },
  };
}

export type Registry = ReturnType<typeof makeRegistry>;

const fmt = (n: number) => Math.round(n * 10) / 10;

function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
