import { Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { VerifiedImage } from '../../platform/uploads';
import { covers, divisionWhere } from './access';
import type { SocialWorkDeps } from './deps';
import {
  photoNotFoundError,
  reasonRequiredError,
  recordDecidedError,
  recordNotFoundError,
  tokenReusedError,
} from './errors';
import type { RecordRow } from './models';
import { recordView, type Requests } from './requests';
import type { recordBody } from './schemas';

/**
 * Service records: the assigned worker writes one per visit, support, referral or follow-up,
 * with up to nine photos; the client's token makes a resubmission return the first record
 * instead of a second. A supervisor (社会工作管理 of the station's area) approves or returns
 * each record; a return needs a reason.
 */
export function makeRecords(deps: SocialWorkDeps, requests: Requests) {
  const { p, models } = deps;

  async function existing(staff: StaffPrincipal, token: string) {
    return models.Record.findOne({ where: { created_by: staff.id, client_token: token } });
  }

  return {
    async uploadPhoto(staff: StaffPrincipal, image: VerifiedImage) {
      const photo = await models.Photo.create({
        mime: image.mime,
        data: image.data,
        uploaded_by: staff.id,
        created_at: p.clock.date(),
      });
      return { photo: { id: photo.id } };
    },
    async photo(staff: StaffPrincipal, id: number) {
      const photo = await models.Photo.findByPk(id);
      if (!photo) throw photoNotFoundError();
      if (photo.uploaded_by !== staff.id) {
        // Others see a photo through a record they may read.
        const records = await models.Record.findAll({ where: { photo_ids: { [Op.like]: `%${id}%` } } as never });
        let allowed = false;
        for (const r of records)
          if (r.photo_ids.includes(id)) {
            allowed = await requests
              .inScope(staff, r.request_id)
              .then(() => true)
              .catch(() => false);
            if (allowed) break;
          }
        if (!allowed) throw photoNotFoundError();
      }
      return photo;
    },
    async record(staff: StaffPrincipal, requestId: number, input: z.infer<typeof recordBody>) {
      const again = await existing(staff, input.clientToken);
      if (again) {
        if (again.request_id !== requestId) throw tokenReusedError();
        return { created: false, record: recordView(again) };
      }
      const { request, worker } = await requests.assignedToMe(staff, requestId);
      if (input.servedOn > p.clock.today()) throw badRequest('BAD_DATES', '服务日期不能晚于今天');
      if (input.photoIds.length) {
        const photos = await models.Photo.findAll({
          where: { id: { [Op.in]: input.photoIds }, uploaded_by: staff.id },
        });
        if (photos.length !== new Set(input.photoIds).size)
          throw badRequest('PHOTO_NOT_FOUND', '有照片未上传成功，请重新上传后再提交', { photoIds: '请重新上传照片' });
      }
      try {
        const record = await p.db.transaction(async (transaction) => {
          const rec = await models.Record.create(
            {
              request_id: request.id,
              worker_id: worker.id,
              kind: input.kind,
              content: input.content,
              served_on: input.servedOn,
              client_token: input.clientToken,
              photo_ids: input.photoIds,
              status: 'pending',
              review_reason: null,
              reviewed_by: null,
              reviewed_at: null,
              created_by: staff.id,
              created_at: p.clock.date(),
            },
            { transaction },
          );
          if (request.status === 'assigned')
            await request.update({ status: 'in_service', updated_at: p.clock.date() }, { transaction });
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'social_work.record.create',
              target: { type: 'social_work_record', id: rec.id },
              detail: { requestId: request.id, kind: input.kind },
            },
            transaction,
          );
          return rec;
        });
        return { created: true, record: recordView(record) };
      } catch (err) {
        // The same token at the same moment: the first one stored is the answer.
        if (err instanceof UniqueConstraintError) {
          const first = await existing(staff, input.clientToken);
          if (first && first.request_id === requestId) return { created: false, record: recordView(first) };
          throw tokenReusedError();
        }
        throw err;
      }
    },
    /** Records awaiting (or past) review in the supervisor's area. */
    async forReview(staff: StaffPrincipal, status: RecordRow['status']) {
      const stations = await models.Station.findAll({ where: divisionWhere(staff) ?? {} });
      if (!stations.length) return { items: [] };
      const requestRows = await models.Request.findAll({
        where: { station_id: { [Op.in]: stations.map((s) => s.id) } },
        attributes: ['id'],
      });
      const rows = requestRows.length
        ? await models.Record.findAll({
            where: { request_id: { [Op.in]: requestRows.map((r) => r.id) }, status },
            order: [['id', 'ASC']],
            limit: 500,
          })
        : [];
      const requestViews = new Map(
        (
          await requests.staffViews(
            rows.length
              ? await models.Request.findAll({
                  where: { id: { [Op.in]: [...new Set(rows.map((r) => r.request_id))] } },
                })
              : [],
          )
        ).map((v) => [v.id, v]),
      );
      const workers = new Map(
        (rows.length
          ? await models.Worker.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((r) => r.worker_id))] } } })
          : []
        ).map((w) => [w.id, w.name]),
      );
      return {
        items: rows.map((r) => {
          const req = requestViews.get(r.request_id);
          return {
            ...recordView(r),
            workerName: workers.get(r.worker_id) ?? '',
            requestNumber: req?.number ?? '',
            categoryName: req?.categoryName ?? '',
            stationName: req?.stationName ?? '',
          };
        }),
      };
    },
    async review(staff: StaffPrincipal, id: number, decision: 'approve' | 'reject', reason?: string) {
      const rec = await models.Record.findByPk(id);
      const req = rec && (await models.Request.findByPk(rec.request_id));
      const station = req && (await models.Station.findByPk(req.station_id));
      if (!rec || !station || !covers(staff, station.division_code)) throw recordNotFoundError();
      if (decision === 'reject' && !reason?.trim()) throw reasonRequiredError();
      if (rec.status !== 'pending') throw recordDecidedError();
      await p.db.transaction(async (transaction) => {
        const now = p.clock.date();
        const [n] = await models.Record.update(
          {
            status: decision === 'approve' ? 'approved' : 'rejected',
            review_reason: reason?.trim() || null,
            reviewed_by: staff.id,
            reviewed_at: now,
          },
          { where: { id: rec.id, status: 'pending' }, transaction },
        );
        if (n !== 1) throw recordDecidedError();
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `social_work.record.${decision}`,
            target: { type: 'social_work_record', id: rec.id },
            detail: reason ? { reason } : undefined,
          },
          transaction,
        );
      });
      await rec.reload();
      return { record: recordView(rec) };
    },
  };
}
