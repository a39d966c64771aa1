import type { z } from 'zod';
import { SERVICE_COMPLAINT_REASON_NAMES } from '@minzheng/contracts';
import type { SocialWorkDeps } from './deps';
import { alreadyComplainedError, requestNotFoundError } from './errors';
import type { complaintBody } from './schemas';

/**
 * 投诉 about a social work service: not a complaint system of its own. The citizen's complaint
 * about one of their requests is filed through the social-orgs complaint flow (its root's
 * `submitComplaint`), against the station by name in the station's county, so it lands in the
 * same 投诉举报 inbox of that county's officers, with the same tracking number, 我的投诉,
 * notices, deadlines and statistics. The request keeps the tracking number: one complaint each.
 */
export function makeServiceComplaints(deps: SocialWorkDeps) {
  const { models, socialOrgs } = deps;
  return async function complain(userId: number, requestId: number, input: z.infer<typeof complaintBody>) {
    const r = await models.Request.findByPk(requestId);
    if (!r || r.user_id !== userId) throw requestNotFoundError();
    const station = await models.Station.findByPk(r.station_id);
    if (!station) throw requestNotFoundError();
    // One complaint per request (a double tap with one key is answered by the flow's own replay).
    if (r.complaint_tracking_no) throw alreadyComplainedError(r.complaint_tracking_no);
    const operator = station.org_id ? await models.Org.findByPk(station.org_id) : null;
    const worker = r.worker_id ? await models.Worker.findByPk(r.worker_id) : null;
    const { complaint, replayed } = await socialOrgs.submitComplaint(userId, {
      target: { name: station.name, divisionCode: station.division_code.slice(0, 6) },
      category: input.reason === 'fees' ? 'fees' : 'other',
      content:
        `【社会工作服务 求助${r.number}·${SERVICE_COMPLAINT_REASON_NAMES[input.reason]}】` +
        `${operator ? `运营机构：${operator.name}；` : ''}${worker ? `服务社工：${worker.name}；` : ''}${input.content}`,
      images: [],
      anonymous: false,
      idempotencyKey: input.idempotencyKey,
    });
    // Only the first complaint is kept on the request (two different complaints at once: one wins).
    await models.Request.update(
      { complaint_tracking_no: complaint.trackingNo },
      { where: { id: r.id, complaint_tracking_no: null } },
    );
    return { complaint, replayed };
  };
}
