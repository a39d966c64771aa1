import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import { ACTIVITY_STATUS_NAMES, VOLUNTEER_SERVICE_TYPE_NAMES } from '@minzheng/contracts';
import { beijingInstant, addDays } from '../../platform/clock';
import { readRows } from '../../platform/db/read-rows';
import { boundingBox, circleRows, distanceM, latRow } from '../../platform/geo';
import type { StaffPrincipal } from '../../platform/context';
import type { Access } from './access';
import { type VolunteerDeps, wholeSeconds } from './deps';
import {
  activityNotEditableError,
  activityNotFoundError,
  badTimesError,
  badTransitionError,
  reasonRequiredError,
} from './errors';
import type { ActivityRow, ActivityStatus, OrgRow } from './models';
import type { activityBody, activityPatch, searchQuery, staffActivitiesQuery } from './schemas';

type ActivityInput = z.infer<typeof activityBody>;

const TRANSITIONS: Record<string, { from: ActivityStatus[]; to: ActivityStatus; name: string }> = {
  publish: { from: ['draft'], to: 'published', name: '发布' },
  start: { from: ['published'], to: 'in_progress', name: '开始' },
  finish: { from: ['published', 'in_progress'], to: 'finished', name: '结束' },
  cancel: { from: ['draft', 'published', 'in_progress'], to: 'cancelled', name: '取消' },
};

/** An activity's 0.01° latitude band, the grid row of platform/geo (stored as `lat_band`, indexed with the longitude). */
export const latBand = latRow;

/** Places taken: sign-ups pending review or approved (the waiting list waits for one). */
export const TAKES_PLACE = ['pending', 'approved'] as const;

/** Squared flat-earth distance from (:lat, :lng) in degrees of latitude (:k2 = cos²(lat)). */
const FLAT_D2 = '((a.lat - :lat) * (a.lat - :lat) + (a.lng - :lng) * (a.lng - :lng) * :k2)';

/** Activities: draft → published → in progress → finished / cancelled, and the public search. */
export function makeActivities(deps: VolunteerDeps, access: Access) {
  const { p, models } = deps;

  function checkTimes(a: { startsAt: Date; endsAt: Date; signupDeadline: Date }) {
    if (a.endsAt <= a.startsAt) throw badTimesError('结束时间应晚于开始时间');
    if (a.signupDeadline > a.startsAt) throw badTimesError('报名截止时间不能晚于活动开始时间');
    if (a.endsAt.getTime() - a.startsAt.getTime() > 7 * 86400_000) throw badTimesError('单次活动不超过7天');
  }

  async function takenCounts(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = (await p.db.query(
      `SELECT activity_id, COUNT(*) AS n FROM volunteer_signups
        WHERE activity_id IN (:ids) AND status IN (:taking) GROUP BY activity_id`,
      { replacements: { ids, taking: [...TAKES_PLACE] }, type: QueryTypes.SELECT },
    )) as { activity_id: number; n: number | string }[];
    return new Map(rows.map((r) => [Number(r.activity_id), Number(r.n)]));
  }

  const view = (a: ActivityRow, org: OrgRow | undefined, taken: number, extra: Record<string, unknown> = {}) => ({
    id: a.id,
    title: a.title,
    type: a.type,
    typeName: VOLUNTEER_SERVICE_TYPE_NAMES[a.type as keyof typeof VOLUNTEER_SERVICE_TYPE_NAMES] ?? a.type,
    org: org ? { id: org.id, name: org.name, contact: org.contact } : null,
    divisionCode: a.division_code,
    description: a.description,
    tasks: a.tasks,
    requirements: a.requirements,
    risks: a.risks,
    insurance: Boolean(a.insurance),
    quota: a.quota,
    placesLeft: Math.max(0, a.quota - taken),
    address: a.address,
    lat: a.lat,
    lng: a.lng,
    radiusM: a.radius_m,
    startsAt: new Date(a.starts_at).toISOString(),
    endsAt: new Date(a.ends_at).toISOString(),
    signupDeadline: new Date(a.signup_deadline).toISOString(),
    status: a.status,
    statusName: ACTIVITY_STATUS_NAMES[a.status],
    cancelReason: a.cancel_reason,
    ...extra,
  });

  async function views(rows: ActivityRow[], extra: (a: ActivityRow) => Record<string, unknown> = () => ({})) {
    const [orgs, taken] = await Promise.all([
      models.Org.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((r) => r.org_id))] } } }),
      takenCounts(rows.map((r) => r.id)),
    ]);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((a) => view(a, byId.get(a.org_id), taken.get(a.id) ?? 0, extra(a)));
  }

  const audit = (staff: StaffPrincipal, action: string, id: number, detail?: Record<string, unknown>) =>
    p.audit.record({
      actor: { type: 'staff', id: staff.id },
      action,
      target: { type: 'volunteer_activity', id },
      detail,
    });

  return {
    views,
    async create(staff: StaffPrincipal, input: ActivityInput) {
      const org = await access.org(staff, input.orgId);
      checkTimes(input);
      if (input.endsAt.getTime() <= p.clock.now()) throw badTimesError('活动结束时间已过');
      const now = p.clock.date();
      const row = await p.db.transaction(async (transaction) => {
        const row = await models.Activity.create(
          {
            org_id: org.id,
            division_code: input.divisionCode,
            title: input.title,
            type: input.type,
            description: input.description,
            tasks: input.tasks,
            requirements: input.requirements,
            risks: input.risks,
            insurance: input.insurance,
            quota: input.quota,
            address: input.address,
            lat: input.lat,
            lng: input.lng,
            lat_band: latBand(input.lat),
            radius_m: input.radiusM,
            starts_at: wholeSeconds(input.startsAt),
            ends_at: wholeSeconds(input.endsAt),
            signup_deadline: wholeSeconds(input.signupDeadline),
            status: 'draft',
            cancel_reason: null,
            created_by: staff.id,
            created_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'volunteer.activity.create',
            target: { type: 'volunteer_activity', id: row.id },
          },
          transaction,
        );
        return row;
      });
      return { activity: (await views([row]))[0] };
    },
    async update(staff: StaffPrincipal, id: number, patch: z.infer<typeof activityPatch>) {
      const { activity } = await access.activity(staff, id);
      if (activity.status !== 'draft') throw activityNotEditableError();
      const next = {
        startsAt: patch.startsAt ?? new Date(activity.starts_at),
        endsAt: patch.endsAt ?? new Date(activity.ends_at),
        signupDeadline: patch.signupDeadline ?? new Date(activity.signup_deadline),
      };
      checkTimes(next);
      const fields: Partial<ActivityRow> = { updated_at: p.clock.date() };
      const map: [keyof typeof patch, keyof ActivityRow][] = [
        ['title', 'title'],
        ['type', 'type'],
        ['divisionCode', 'division_code'],
        ['description', 'description'],
        ['tasks', 'tasks'],
        ['requirements', 'requirements'],
        ['risks', 'risks'],
        ['insurance', 'insurance'],
        ['quota', 'quota'],
        ['address', 'address'],
        ['lat', 'lat'],
        ['lng', 'lng'],
        ['radiusM', 'radius_m'],
      ];
      for (const [from, to] of map) if (patch[from] !== undefined) (fields as any)[to] = patch[from];
      if (patch.lat !== undefined) (fields as any).lat_band = latBand(patch.lat);
      fields.starts_at = wholeSeconds(next.startsAt);
      fields.ends_at = wholeSeconds(next.endsAt);
      fields.signup_deadline = wholeSeconds(next.signupDeadline);
      await activity.update(fields);
      await audit(staff, 'volunteer.activity.update', id);
      return { activity: (await views([activity]))[0] };
    },
    async transition(staff: StaffPrincipal, id: number, action: string, reason?: string) {
      const { activity } = await access.activity(staff, id);
      const t = TRANSITIONS[action];
      if (!t.from.includes(activity.status)) throw badTransitionError(ACTIVITY_STATUS_NAMES[activity.status], t.name);
      if (action === 'cancel' && !reason) throw reasonRequiredError('取消活动');
      if (action === 'publish' && new Date(activity.ends_at).getTime() <= p.clock.now())
        throw badTimesError('活动结束时间已过，不能发布');
      const [n] = await models.Activity.update(
        { status: t.to, cancel_reason: action === 'cancel' ? reason! : null, updated_at: p.clock.date() },
        { where: { id, status: activity.status } },
      );
      if (n !== 1) throw badTransitionError(ACTIVITY_STATUS_NAMES[activity.status], t.name);
      await audit(staff, `volunteer.activity.${action}`, id, reason ? { reason } : undefined);
      return this.staffView(staff, id);
    },
    async staffView(staff: StaffPrincipal, id: number) {
      const { activity } = await access.activity(staff, id);
      return { activity: (await views([activity]))[0] };
    },
    async staffList(staff: StaffPrincipal, query: z.infer<typeof staffActivitiesQuery>) {
      const ids = await access.visibleOrgIds(staff);
      const and: WhereOptions[] = [];
      if (ids !== null) and.push({ org_id: { [Op.in]: ids } });
      if (query.orgId) and.push({ org_id: query.orgId });
      if (query.status) and.push({ status: query.status });
      const rows = await models.Activity.findAll({
        where: { [Op.and]: and },
        order: [['starts_at', 'DESC']],
        limit: 200,
      });
      return { items: await views(rows) };
    },
    /** A public activity (not a draft). */
    async publicOne(id: number) {
      const a = await models.Activity.findByPk(id);
      if (!a || a.status === 'draft') throw activityNotFoundError();
      return a;
    },
    /**
     * Activities open to volunteers (published or in progress, not over), by area prefix, type,
     * a Beijing day they cover and distance from a point, nearest first when a point is given.
     */
    async search(query: z.infer<typeof searchQuery>) {
      // Filter, order and limit in SQL: only the page's rows leave the database.
      const r: Record<string, unknown> = {
        open: ['published', 'in_progress'],
        now: p.clock.date(),
        taking: [...TAKES_PLACE],
        limit: query.limit,
      };
      if (query.division) r.division = `${query.division}%`;
      if (query.type) r.type = query.type;
      if (query.date) {
        r.dayStart = beijingInstant(query.date, '00:00');
        r.dayEnd = beijingInstant(addDays(query.date, 1), '00:00');
      }
      const near = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
      let spans = -1;
      if (near) {
        // A box of 111 km to the degree (a hair wider than the sphere's circle), and inside it a
        // flat-earth distance (degrees of latitude, longitude scaled by cos(lat)) orders and bounds
        // the rows, exact to well under 1 % at these ranges; the few rows returned are then
        // measured on the sphere.
        const box = boundingBox(near.lat, near.lng, query.withinKm * 1000, 111_000);
        const cos = Math.cos((near.lat * Math.PI) / 180);
        Object.assign(r, box, { lat: near.lat, lng: near.lng, k2: cos ** 2, r2: FLAT_R(query.withinKm) ** 2 });
        // The latitude bands (grid rows) the box spans, each with the longitudes the circle
        // spans there: a few short (lat_band, lng) index ranges. A wide search (over 200 bands)
        // ranges over latitude alone.
        if (latBand(box.maxLat) - latBand(box.minLat) < 200) {
          const K = 1 / FLAT_R(1 / 1000); // metres per degree of the flat measure
          const rows = circleRows(near.lat, near.lng, query.withinKm * 1000, K, K * Math.max(cos, 1e-9)).filter(
            (s) => s.row >= latBand(box.minLat) && s.row <= latBand(box.maxLat),
          );
          rows.forEach((s, i) => {
            r[`band${i}`] = s.row;
            r[`lo${i}`] = Math.max(s.minLng, box.minLng);
            r[`hi${i}`] = Math.min(s.maxLng, box.maxLng);
          });
          spans = rows.length;
        }
      }
      const shape = [query.division, query.type, query.date, query.openOnly === 'true', near, spans]
        .map((v) => (typeof v === 'number' ? v : v ? 1 : 0))
        .join(',');
      let sql = searchSql.get(shape);
      if (!sql) {
        sql = searchSqlOf(query, near !== null, spans);
        searchSql.set(shape, sql);
      }
      // One query: the page's rows with their organization and places taken, read raw through
      // readRows (mysql2 directly on MySQL): this route is the busiest public read of the area.
      const rows = await readRows<ActivityRow & { org_name: string; org_contact: string; taken: number | string }>(
        p.db,
        sql,
        r,
      );
      let found = rows.map((a) => ({ a, d: near ? distanceM(near, a) : null }));
      if (near) found = found.filter((f) => f.d! <= query.withinKm * 1000).sort((x, y) => x.d! - y.d!);
      const items = found.map(({ a, d }) =>
        view(
          a,
          { id: a.org_id, name: a.org_name, contact: a.org_contact } as OrgRow,
          Number(a.taken),
          d === null ? {} : { distanceM: Math.round(d) },
        ),
      );
      return { items };
    },
  };
}

/** The flat circle's radius in degrees of latitude for `km` (2 % wider than the sphere's). */
const FLAT_R = (km: number) => (km * 1.02) / 111.195;

/** The search's SQL, one per shape (which filters, near a point, how many band ranges). */
const searchSql = new Map<string, string>();
function searchSqlOf(query: z.infer<typeof searchQuery>, near: boolean, spans: number) {
  const where = ['a.status IN (:open)', 'a.ends_at > :now'];
  if (query.division) where.push('a.division_code LIKE :division');
  if (query.type) where.push('a.type = :type');
  if (query.date) where.push('a.starts_at < :dayEnd', 'a.ends_at > :dayStart');
  if (query.openOnly === 'true')
    where.push(
      `a.status = 'published' AND a.quota > (SELECT COUNT(*) FROM volunteer_signups s
         WHERE s.activity_id = a.id AND s.status IN (:taking))`,
    );
  let order = 'a.starts_at ASC, a.id ASC';
  if (near) {
    where.push('a.lat BETWEEN :minLat AND :maxLat', 'a.lng BETWEEN :minLng AND :maxLng', `${FLAT_D2} <= :r2`);
    if (spans >= 0)
      where.push(
        spans
          ? `(${Array.from({ length: spans }, (_, i) => `(a.lat_band = :band${i} AND a.lng BETWEEN :lo${i} AND :hi${i})`).join(' OR ')})`
          : '1 = 0',
      );
    order = `${FLAT_D2} ASC, a.id ASC`;
  }
  return `SELECT a.*, o.name AS org_name, o.contact AS org_contact,
                (SELECT COUNT(*) FROM volunteer_signups s
                  WHERE s.activity_id = a.id AND s.status IN (:taking)) AS taken
           FROM volunteer_activities a JOIN volunteer_orgs o ON o.id = a.org_id
          WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT :limit`;
}

export type Activities = ReturnType<typeof makeActivities>;
