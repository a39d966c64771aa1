import { Op } from 'sequelize';
import type { z } from 'zod';
import {
  HELP_REQUEST_STATUS_NAMES,
  type HelpRequestStep,
  type MyHelpRequestView,
  NEED_CATEGORY_NAMES,
  SERVICE_RECORD_KIND_NAMES,
} from '@minzheng/contracts';
import { maskName, maskPhone } from '../identity';
import { beijingDateAt } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { covers, divisionWhere } from './access';
import type { SocialWorkDeps } from './deps';
import {
  alreadyRatedError,
  noStationError,
  notAssignedToMeError,
  notClosedError,
  nothingApprovedError,
  requestClosedError,
  requestNotFoundError,
  workerNotInStationError,
} from './errors';
import type { RequestRow } from './models';
import type { SocialWorkNotices } from './notices';
import type { Registry } from './registry';
import type { assignBody, closeBody, inboxQuery, rateBody, requestBody } from './schemas';

/**
 * 供需对接: a citizen describes a need; the 社工站 of their 乡镇 takes it; its staff assign one of
 * the station's workers; the worker records the service and closes it once a supervisor has
 * approved a record; the citizen follows the steps and rates the service once.
 */
export function makeRequests(deps: SocialWorkDeps, registry: Registry, tell: SocialWorkNotices) {
  const { p, models } = deps;

  async function stationFor(divisionCode: string) {
    return models.Station.findOne({ where: { division_code: divisionCode.slice(0, 9) }, order: [['id', 'ASC']] });
  }

  /** A request the staff member's divisions cover (by its station's 乡镇), else 404. */
  async function inScope(staff: StaffPrincipal, id: number) {
    const r = await models.Request.findByPk(id);
    const station = r && (await models.Station.findByPk(r.station_id));
    if (!r || !station || !covers(staff, station.division_code)) throw requestNotFoundError();
    return { request: r, station };
  }

  /** The request, when its assigned worker is this staff member (admins act for anyone). */
  async function assignedToMe(staff: StaffPrincipal, id: number) {
    const found = await inScope(staff, id);
    if (found.request.status === 'closed') throw requestClosedError();
    const me = await registry.workerOfStaff(staff.id);
    if (!found.request.worker_id || !me || me.id !== found.request.worker_id) throw notAssignedToMeError();
    return { ...found, worker: me };
  }

  async function steps(r: RequestRow): Promise<HelpRequestStep[]> {
    const out: HelpRequestStep[] = [{ at: r.created_at.toISOString(), label: '已提交求助' }];
    if (r.assigned_at) out.push({ at: r.assigned_at.toISOString(), label: '社工站已安排社工' });
    const records = await models.Record.findAll({
      where: { request_id: r.id, status: 'approved' },
      order: [['id', 'ASC']],
    });
    for (const rec of records)
      out.push({
        at: rec.created_at.toISOString(),
        label: `${SERVICE_RECORD_KIND_NAMES[rec.kind]}（${rec.served_on}）`,
      });
    if (r.closed_at) out.push({ at: r.closed_at.toISOString(), label: '服务已结案' });
    if (r.rated_at) out.push({ at: r.rated_at.toISOString(), label: `您已评价（${r.rating}星）` });
    return out;
  }

  async function myView(r: RequestRow): Promise<MyHelpRequestView> {
    const station = await models.Station.findByPk(r.station_id);
    const worker = r.worker_id ? await models.Worker.findByPk(r.worker_id) : null;
    return {
      id: r.id,
      number: r.number,
      category: r.category,
      categoryName: NEED_CATEGORY_NAMES[r.category],
      status: r.status,
      statusName: HELP_REQUEST_STATUS_NAMES[r.status],
      stationName: station?.name ?? '',
      stationPhone: station?.phone ?? '',
      workerName: worker ? `${worker.name.slice(0, 1)}社工` : null,
      description: r.description,
      createdAt: r.created_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      closingSummary: r.closing_summary,
      rating: r.rating,
      ratingComment: r.rating_comment,
      canRate: r.status === 'closed' && r.rating === null,
      complaintTrackingNo: r.complaint_tracking_no,
      canComplain: r.complaint_tracking_no === null,
      steps: await steps(r),
    };
  }

  async function staffViews(rows: RequestRow[], full = false) {
    const stationIds = [...new Set(rows.map((r) => r.station_id))];
    const workerIds = [...new Set(rows.map((r) => r.worker_id).filter((x): x is number => x !== null))];
    const stations = new Map(
      (stationIds.length ? await models.Station.findAll({ where: { id: { [Op.in]: stationIds } } }) : []).map((s) => [
        s.id,
        s,
      ]),
    );
    const workers = new Map(
      (workerIds.length ? await models.Worker.findAll({ where: { id: { [Op.in]: workerIds } } }) : []).map((w) => [
        w.id,
        w,
      ]),
    );
    return rows.map((r) => {
      const name = p.pii.decrypt(r.contact_name_enc);
      const phone = p.pii.decrypt(r.phone_enc);
      return {
        id: r.id,
        number: r.number,
        category: r.category,
        categoryName: NEED_CATEGORY_NAMES[r.category],
        status: r.status,
        statusName: HELP_REQUEST_STATUS_NAMES[r.status],
        divisionCode: r.division_code,
        stationId: r.station_id,
        stationName: stations.get(r.station_id)?.name ?? '',
        workerId: r.worker_id,
        workerName: r.worker_id ? (workers.get(r.worker_id)?.name ?? null) : null,
        description: r.description,
        contactName: full ? name : maskName(name),
        phone: full ? phone : maskPhone(phone),
        createdAt: r.created_at.toISOString(),
        assignedAt: r.assigned_at?.toISOString() ?? null,
        closedAt: r.closed_at?.toISOString() ?? null,
        closingSummary: r.closing_summary,
        rating: r.rating,
        ratingComment: r.rating_comment,
      };
    });
  }

  return {
    inScope,
    assignedToMe,
    async submit(userId: number, input: z.infer<typeof requestBody>) {
      const station = await stationFor(input.divisionCode);
      if (!station) throw noStationError();
      const r = await p.db.transaction(async (transaction) => {
        const now = p.clock.date();
        const r = await models.Request.create(
          {
            number: `pending-${userId}-${now.getTime()}-${Math.random().toString(36).slice(2)}`,
            user_id: userId,
            category: input.category,
            division_code: input.divisionCode,
            station_id: station.id,
            description: input.description,
            contact_name_enc: p.pii.encrypt(input.contactName),
            phone_enc: p.pii.encrypt(input.phone),
            status: 'submitted',
            worker_id: null,
            created_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await r.update(
          { number: `SG${beijingDateAt(now.getTime()).replaceAll('-', '')}${String(r.id).padStart(6, '0')}` },
          { transaction },
        );
        return r;
      });
      return { request: await myView(r) };
    },
    async mine(userId: number) {
      const rows = await models.Request.findAll({ where: { user_id: userId }, order: [['id', 'DESC']], limit: 100 });
      const items = [];
      for (const r of rows) items.push(await myView(r));
      return { items };
    },
    async myOne(userId: number, id: number) {
      const r = await models.Request.findByPk(id);
      if (!r || r.user_id !== userId) throw requestNotFoundError();
      return { request: await myView(r) };
    },
    async rate(userId: number, id: number, input: z.infer<typeof rateBody>) {
      const r = await models.Request.findByPk(id);
      if (!r || r.user_id !== userId) throw requestNotFoundError();
      if (r.status !== 'closed') throw notClosedError();
      if (r.rating !== null) throw alreadyRatedError();
      const now = p.clock.date();
      // Once: the update only lands while no rating is there (two taps at once rate once).
      const [n] = await models.Request.update(
        { rating: input.rating, rating_comment: input.comment || null, rated_at: now, updated_at: now },
        { where: { id: r.id, status: 'closed', rating: null } },
      );
      if (n !== 1) throw alreadyRatedError();
      await r.reload();
      return { request: await myView(r) };
    },

    async inbox(staff: StaffPrincipal, query: z.infer<typeof inboxQuery>) {
      const stationWhere = divisionWhere(staff);
      const stations = await models.Station.findAll({ where: stationWhere ?? {}, attributes: ['id'] });
      const ids = stations.map((s) => s.id).filter((id) => !query.stationId || id === query.stationId);
      const rows = ids.length
        ? await models.Request.findAll({
            where: { station_id: { [Op.in]: ids }, ...(query.status ? { status: query.status } : {}) },
            order: [['id', 'DESC']],
            limit: 500,
          })
        : [];
      return { items: await staffViews(rows) };
    },
    /** One request with the citizen's contact in full (audited: a personal-data read). */
    async staffOne(staff: StaffPrincipal, id: number) {
      const { request } = await inScope(staff, id);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'social_work.request.view',
        target: { type: 'social_work_request', id: request.id },
      });
      const records = await models.Record.findAll({ where: { request_id: request.id }, order: [['id', 'ASC']] });
      return { request: (await staffViews([request], true))[0], records: records.map((r) => recordView(r)) };
    },
    async assign(staff: StaffPrincipal, id: number, input: z.infer<typeof assignBody>) {
      const { request } = await inScope(staff, id);
      if (request.status === 'closed') throw requestClosedError();
      const worker = await models.Worker.findByPk(input.workerId);
      if (!worker || worker.station_id !== request.station_id) throw workerNotInStationError();
      await p.db.transaction(async (transaction) => {
        const now = p.clock.date();
        await request.update(
          {
            worker_id: worker.id,
            assigned_by: staff.id,
            assigned_at: now,
            status: request.status === 'submitted' ? 'assigned' : request.status,
            updated_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.request.assign',
            target: { type: 'social_work_request', id: request.id },
            detail: { workerId: worker.id },
          },
          transaction,
        );
        await tell.tell(
          request.user_id,
          '社工站已受理您的求助',
          `您的求助（${request.number}）已安排${worker.name.slice(0, 1)}社工跟进，社工将尽快与您联系。`,
          request.id,
          transaction,
        );
      });
      return { request: (await staffViews([request]))[0] };
    },
    async close(staff: StaffPrincipal, id: number, input: z.infer<typeof closeBody>) {
      const { request } = await assignedToMe(staff, id);
      const approved = await models.Record.count({ where: { request_id: request.id, status: 'approved' } });
      if (!approved) throw nothingApprovedError();
      await p.db.transaction(async (transaction) => {
        const now = p.clock.date();
        await request.update(
          { status: 'closed', closed_at: now, closing_summary: input.summary, updated_at: now },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'social_work.request.close',
            target: { type: 'social_work_request', id: request.id },
          },
          transaction,
        );
        await tell.tell(
          request.user_id,
          '您的求助已服务结案',
          `您的求助（${request.number}）已结案，欢迎对本次社工服务进行评价。`,
          request.id,
          transaction,
        );
      });
      return { request: (await staffViews([request]))[0] };
    },
    staffViews,
  };
}

export function recordView(r: {
  id: number;
  request_id: number;
  worker_id: number;
  kind: keyof typeof SERVICE_RECORD_KIND_NAMES;
  content: string;
  served_on: string;
  photo_ids: number[];
  status: 'pending' | 'approved' | 'rejected';
  review_reason: string | null;
  reviewed_at: Date | null;
  created_at: Date;
}) {
  return {
    id: r.id,
    requestId: r.request_id,
    workerId: r.worker_id,
    kind: r.kind,
    kindName: SERVICE_RECORD_KIND_NAMES[r.kind],
    content: r.content,
    servedOn: r.served_on,
    photoIds: r.photo_ids,
    status: r.status,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

export type Requests = ReturnType<typeof makeRequests>;
