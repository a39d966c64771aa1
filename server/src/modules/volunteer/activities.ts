import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import {
  ACTIVITY_STATUS_NAMES,
  VOLUNTEER_SERVICE_TYPE_NAMES,
  type VolunteerActivityListItem,
} from '@minzheng/contracts';
import { createAskedLately, createSharedReads } from '../../platform/cache';
import { beijingInstant, addDays } from '../../platform/clock';
import { readRows } from '../../platform/db/read-rows';
import { boundingBox, circleRows, distanceM, latRow } from '../../platform/geo';
import type { StaffPrincipal } from '../../platform/context';
import type { Access } from './access';
import { ACTIVITY_CHANGES_KEY, type HeldItem, type ItemText, liveActivities } from './activity-index';
import { liveTaken, SIGNUP_CHANGES_KEY, TAKES_PLACE, type TakenCounts } from './taken-counts';
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

export { TAKES_PLACE };

/** Squared flat-earth distance from (:lat, :lng) in degrees of latitude (:k2 = cos²(lat)). */
const FLAT_D2 = '((a.lat - :lat) * (a.lat - :lat) + (a.lng - :lng) * (a.lng - :lng) * :k2)';

/**
 * A page near a point as answered: its bytes, with each item's places left (spliced in when a
 * count changed: the key `"placesLeft":` is found in the bytes, never inside a JSON string). It stays the page of its query while the index is at
 * `version` (no activity announced since) and until `until`, the first end among the activities
 * the index chose.
 */
interface Page {
  version: number;
  until: number;
  ids: number[];
  quotas: number[];
  /** Each item's places left, as in `bytes`. */
  left: number[];
  bytes: Buffer;
}

/** Pages kept (about 22 KB each for 50 items): the oldest goes first. */
const PAGES_MAX = 400;
const PLACES_LEFT = '"placesLeft":';
const PLACES_LEFT_BYTES = Buffer.from(PLACES_LEFT);
const ITEMS_OPEN = Buffer.from('{"items":[');
const DISTANCE_KEY = Buffer.from(',"distanceM":');
/** An item's bytes beyond its held ones: a comma, two numbers, the distance key and a brace. */
const ITEM_EXTRA = 64;

/** A number as JSON writes it (ASCII), at `at`; where it ends. */
function putNumber(out: Buffer, at: number, n: number): number {
  const s = String(n);
  for (let k = 0; k < s.length; k++) out[at + k] = s.charCodeAt(k);
  return at + s.length;
}

/** Answers are written into slabs of this size, one after another (a bigger answer gets its own buffer). */
const SLAB = 1 << 20;
/** Slabs all of whose answers were sent, kept to be written into again (more are left to the collector). */
const SPARE_MAX = 8;

/** A slab answers are written into, and how many of them are not sent yet. */
interface AnswerSlab {
  bytes: Buffer;
  at: number;
  unsent: number;
}

let slab: AnswerSlab | null = null;
const spare: AnswerSlab[] = [];
/** Slabs allocated in this process (answerSlabs()). */
let slabsMade = 0;

/**
 * An answer written into `from` was sent (its response closed): once all of them were and it is
 * no longer the slab being written into, it is written into again. Buffers outside the heap count
 * toward the external memory that makes V8 start a major collection (about every 64 MB
 * allocated): scattered searches, a new 33 KB answer each, allocated a 1 MB slab every ~30 and a
 * major collection of the whole heap about every second; reused, nothing is allocated.
 */
function answerSent(from: AnswerSlab) {
  from.unsent--;
  if (from.unsent === 0 && from !== slab && spare.length < SPARE_MAX) spare.push(from);
}

/** The slab an answer of `size` bytes is written into, moved on to a spare or a new one when full. */
function slabFor(size: number): AnswerSlab {
  if (slab && slab.at + size <= slab.bytes.length) return slab;
  const full = slab;
  slab = spare.pop() ?? null;
  if (slab) slab.at = 0;
  else {
    slab = { bytes: Buffer.allocUnsafeSlow(SLAB), at: 0, unsent: 0 };
    slabsMade++;
  }
  if (full && full.unsent === 0 && spare.length < SPARE_MAX) spare.push(full);
  return slab;
}

/**
 * A page's JSON bytes, `{"items":[…]}`, each item its held bytes with its places left and its
 * distance (metres, rounded) put in: copied into one buffer (what JSON.stringify of the items
 * with these two numbers writes, byte for byte). Written into the current answer slab, as Node's
 * pool does for small buffers (`from`: its slab, null when the answer has its own buffer); the
 * slab is written into again once every answer in it was sent (answerSent).
 */
function pageBytes(found: { v: HeldItem; d: number }[], left: number[]): { bytes: Buffer; from: AnswerSlab | null } {
  let size = ITEMS_OPEN.length + 2;
  for (const { v } of found) size += v.end - v.at + ITEM_EXTRA;
  let out: Buffer;
  let start = 0;
  let from: AnswerSlab | null = null;
  if (size > SLAB / 8) out = Buffer.allocUnsafeSlow(size);
  else {
    from = slabFor(size);
    out = from.bytes;
    start = from.at;
  }
  out.set(ITEMS_OPEN, start);
  let at = start + ITEMS_OPEN.length;
  for (let i = 0; i < found.length; i++) {
    const { v, d } = found[i];
    if (i) out[at++] = 0x2c; // ,
    // Views onto the held bytes (young objects, gone with the request): nothing is copied twice.
    out.set(new Uint8Array(v.bytes.buffer, v.bytes.byteOffset + v.at, v.cut - v.at), at);
    at = putNumber(out, at + v.cut - v.at, left[i]);
    out.set(new Uint8Array(v.bytes.buffer, v.bytes.byteOffset + v.cut, v.end - v.cut), at);
    at += v.end - v.cut;
    out.set(DISTANCE_KEY, at);
    at = putNumber(out, at + DISTANCE_KEY.length, Math.round(d));
    out[at++] = 0x7d; // }
  }
  out[at++] = 0x5d; // ]
  out[at++] = 0x7d; // }
  if (from) {
    from.at = (at + 7) & ~7;
    from.unsent++;
  }
  return { bytes: out.subarray(start, at), from };
}

/** Answer slabs allocated in this process so far, and those waiting to be written into again. */
export const answerSlabs = () => ({ made: slabsMade, spare: spare.length });

/** Activities: draft → published → in progress → finished / cancelled, and the public search. */
export function makeActivities(deps: VolunteerDeps, access: Access) {
  const { p, models } = deps;
  // The open activities in this process, by cell, current with every process's status changes
  // (activity-index.ts): the search near a point picks its page's ids there, no index scan in SQL.
  // Each open activity's item (its JSON bytes) is held there too, built at the index's load and
  // rebuilt when the activity is announced: a page is joined from held bytes.
  const index = liveActivities(p, (a) => shownOf(a as ActivityRow & { org_name: string }));
  // The places taken of activities, kept current with every process's sign-ups (taken-counts.ts).
  const taken: TakenCounts = liveTaken(p);
  /** The activities' and the sign-ups' change numbers, read together for a search near a point. */
  const changeNumbers = createSharedReads(p.cache, [ACTIVITY_CHANGES_KEY, SIGNUP_CHANGES_KEY]);
  // The pages near a point answered, by query (see Page).
  const pages = new Map<string, Page>();
  // The queries near a point asked lately: a page is kept from its query's second ask.
  const askedLately = createAskedLately();

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

  /**
   * An activity as the search's list shows it (VolunteerActivityListItem), its keys in the order
   * sent: the held items (shownOf) and the SQL's answer are the same bytes. The distance, when
   * near a point, goes last.
   */
  const listItem = (
    a: ActivityRow,
    orgName: string | null,
    taken: number,
    distance?: number,
  ): VolunteerActivityListItem => {
    const item: VolunteerActivityListItem = {
      id: a.id,
      title: a.title,
      type: a.type,
      typeName: VOLUNTEER_SERVICE_TYPE_NAMES[a.type as keyof typeof VOLUNTEER_SERVICE_TYPE_NAMES] ?? a.type,
      org: orgName === null ? null : { id: a.org_id, name: orgName },
      divisionCode: a.division_code,
      insurance: Boolean(a.insurance),
      quota: a.quota,
      placesLeft: Math.max(0, a.quota - taken),
      address: a.address,
      lat: a.lat,
      lng: a.lng,
      startsAt: new Date(a.starts_at).toISOString(),
      endsAt: new Date(a.ends_at).toISOString(),
      status: a.status,
      statusName: ACTIVITY_STATUS_NAMES[a.status],
    };
    if (distance !== undefined) item.distanceM = distance;
    return item;
  };

  /** An activity's page (and the staff's view): its list item and the rest. */
  const view = (a: ActivityRow, org: OrgRow | undefined, taken: number, extra: Record<string, unknown> = {}) => ({
    ...listItem(a, org ? org.name : null, taken),
    org: org ? { id: org.id, name: org.name, contact: org.contact } : null,
    description: a.description,
    tasks: a.tasks,
    requirements: a.requirements,
    risks: a.risks,
    radiusM: a.radius_m,
    signupDeadline: new Date(a.signup_deadline).toISOString(),
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

  /**
   * An activity's item as held, from its row with its organization's name and contact (none:
   * null): the item's JSON around its places left, which sign-ups change (held apart:
   * taken-counts.ts) — up to and with `"placesLeft":`, and what follows the number without the
   * closing brace (the distance goes there).
   */
  function shownOf(a: ActivityRow & { org_name: string; org_found?: unknown }): ItemText | null {
    if (a.org_found === null) return null;
    const v = listItem(a, a.org_name, 0);
    const json = JSON.stringify(v);
    // The key as JSON writes it (a quote inside a string value is escaped: never this).
    const number = `${PLACES_LEFT}${v.placesLeft}`;
    const at = json.indexOf(`${number},`);
    if (at < 0) throw new Error(`activity ${a.id}: no places left in its JSON`);
    const head = json.slice(0, at + PLACES_LEFT.length);
    // Bytes at once (Node's pool): the index copies them into its slabs (activity-index.ts).
    const bytes = Buffer.from(head + json.slice(at + number.length, -1));
    return { bytes, cut: Buffer.byteLength(head), quota: Number(a.quota) };
  }

  /**
   * The circle of a search near a point as its SQL and the index both take it: a box of 111 km to
   * the degree (a hair wider than the sphere's circle), inside it a flat-earth distance (degrees of
   * latitude, longitude scaled by cos(lat); `k2` = cos², `r2` the flat radius squared), exact to
   * well under 1 % at these ranges; and the latitude bands (grid rows) the box spans, each with
   * the longitudes the circle spans there (null: over 200 bands, too wide for band ranges).
   */
  function circleOf(lat: number, lng: number, withinKm: number) {
    const box = boundingBox(lat, lng, withinKm * 1000, 111_000);
    const cos = Math.cos((lat * Math.PI) / 180);
    let spans: { band: number; lo: number; hi: number }[] | null = null;
    if (latBand(box.maxLat) - latBand(box.minLat) < 200) {
      const K = 1 / FLAT_R(1 / 1000); // metres per degree of the flat measure
      const first = latBand(box.minLat);
      const last = latBand(box.maxLat);
      spans = [];
      for (const s of circleRows(lat, lng, withinKm * 1000, K, K * Math.max(cos, 1e-9)))
        if (s.row >= first && s.row <= last)
          spans.push({ band: s.row, lo: Math.max(s.minLng, box.minLng), hi: Math.min(s.maxLng, box.maxLng) });
    }
    const { minLat, maxLat, minLng, maxLng } = box;
    return { minLat, maxLat, minLng, maxLng, k2: cos ** 2, r2: FLAT_R(withinKm) ** 2, spans };
  }

  /** The search's SQL parameters; near a point, the band ranges of its circle (-1: too wide for them). */
  function filtersOf(query: z.infer<typeof searchQuery>) {
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
      // The rows in the circle's box within its flat distance (circleOf), ordered by it; the few
      // rows returned are then measured on the sphere. Near a point, a few short (lat_band, lng)
      // index ranges; a wide search (over 200 bands) ranges over latitude alone.
      const { spans: bands, ...circle } = circleOf(near.lat, near.lng, query.withinKm);
      Object.assign(r, circle, { lat: near.lat, lng: near.lng });
      if (bands) {
        bands.forEach((s, i) => {
          r[`band${i}`] = s.band;
          r[`lo${i}`] = s.lo;
          r[`hi${i}`] = s.hi;
        });
        spans = bands.length;
      }
    }
    return { r, near, spans };
  }

  /**
   * The answer (JSON bytes) of a search near a point from this process's index, or null when it
   * cannot give one (not near a point, `openOnly`, a circle too wide for band ranges, or the
   * shared cache out of reach): the SQL answers then. The index picks the page's ids and their
   * items are joined from those held per activity (read by primary key if not held). A query
   * asked a second time keeps its page (a first ask only notes the query: a point asked once —
   * a citizen's own location — would be kept for nothing); asked again, it is a look-up — its
   * page's bytes, with each activity's places left as they are now spliced in — as long as no
   * activity was announced since and none of the page's has ended.
   *
   * A new page's bytes are in an answer slab written into again once they were sent: `whenSent`
   * is given the call to make then (without it, the slab is never written into again).
   */
  async function nearPage(
    query: z.infer<typeof searchQuery>,
    whenSent?: (sent: () => void) => void,
  ): Promise<Buffer | null> {
    if (query.lat === undefined || query.lng === undefined || query.openOnly === 'true') return null;
    // Both change numbers in one round trip (shared by the searches out at the time), then each
    // held set brought up to its own — usually already there, which costs nothing more.
    const numbers = await changeNumbers.current().catch(() => null);
    const [fresh, freshTaken] = numbers
      ? await Promise.all([index.live.currentAt(numbers[0] ?? 0), taken.currentAt(numbers[1] ?? 0)])
      : [false, false];
    if (!fresh) return null;
    const key = `${query.lat},${query.lng},${query.withinKm},${query.limit},${query.division ?? ''},${query.type ?? ''},${query.date ?? ''}`;
    let page = pages.get(key);
    if (page && (page.version !== index.spots.version() || p.clock.now() >= page.until)) {
      pages.delete(key);
      page = undefined;
    }
    if (page) return page.ids.length ? answer(page, await taken.of(page.ids, freshTaken)) : page.bytes;
    const picked = await pageOf(query, freshTaken);
    if (!picked) return null;
    const { version, until, found, takenOf } = picked;
    const left = found.map(({ v }) => Math.max(0, v.quota - (takenOf.get(v.id) ?? 0)));
    const { bytes, from } = pageBytes(found, left);
    if (from && whenSent) whenSent(() => answerSent(from));
    if (version === index.spots.version()) {
      if (askedLately(key)) {
        if (pages.size >= PAGES_MAX) pages.delete(pages.keys().next().value!);
        const ids = found.map(({ v }) => v.id);
        // Its own copy: a kept page would hold its whole slab.
        pages.set(key, { version, until, ids, quotas: found.map(({ v }) => v.quota), left, bytes: Buffer.from(bytes) });
      }
    }
    return bytes;
  }

  /** A page near a point picked in the index: its items within the distance, nearest first, and their places taken. */
  async function pageOf(query: z.infer<typeof searchQuery>, freshTaken: boolean) {
    const c = circleOf(query.lat!, query.lng!, query.withinKm);
    if (!c.spans) return null;
    const version = index.spots.version();
    // Field by field: no object rest or spread on this path (one in the walk's setup showed in its profile).
    const { ids, until } = index.spots.near({
      minLat: c.minLat,
      maxLat: c.maxLat,
      minLng: c.minLng,
      maxLng: c.maxLng,
      k2: c.k2,
      r2: c.r2,
      now: p.clock.now(),
      division: query.division,
      type: query.type,
      dayStart: query.date ? beijingInstant(query.date, '00:00').getTime() : undefined,
      dayEnd: query.date ? beijingInstant(addDays(query.date, 1), '00:00').getTime() : undefined,
      lat: query.lat!,
      lng: query.lng!,
      spans: c.spans,
      limit: query.limit,
    });
    // The page's items as held since first shown (read now if not), and their places taken as
    // they are now, at the same time.
    const kept = index.spots.kept(ids);
    const [read, takenOf] = await Promise.all([
      kept.missing.length ? readRows<ActivityRow & { org_name: string }>(p.db, PAGE_SQL, { ids: kept.missing }) : [],
      ids.length ? taken.of(ids, freshTaken) : new Map<number, number>(),
    ]);
    if (read.length) {
      const fresh = new Map<number, ItemText>();
      const items = new Map<number, HeldItem>();
      for (const a of read) {
        const v = shownOf(a);
        if (!v) continue;
        const id = Number(a.id);
        fresh.set(id, v);
        const { bytes, cut, quota } = v;
        items.set(id, { id, quota, lat: Number(a.lat), lng: Number(a.lng), bytes, at: 0, cut, end: bytes.length });
      }
      index.spots.keep(kept.generation, fresh);
      ids.forEach((id, i) => {
        kept.rows[i] ??= items.get(id);
      });
    }
    // Within the distance on the sphere, nearest first (a stable sort of the page).
    const near = { lat: query.lat!, lng: query.lng! };
    const found: { v: HeldItem; d: number }[] = [];
    for (const v of kept.rows) {
      if (!v) continue;
      const d = distanceM(near, v);
      if (d <= query.withinKm * 1000) found.push({ v, d });
    }
    found.sort((x, y) => x.d - y.d);
    return { version, until, found, takenOf };
  }

  /** The page's bytes with these places taken: as kept when none changed, else spliced (and kept so). */
  function answer(page: Page, takenOf: Map<number, number>): Buffer {
    const left = page.ids.map((id, i) => Math.max(0, page.quotas[i] - (takenOf.get(id) ?? 0)));
    if (left.every((n, i) => n === page.left[i])) return page.bytes;
    const { bytes } = page;
    const parts: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < left.length; i++) {
      const start = bytes.indexOf(PLACES_LEFT_BYTES, from) + PLACES_LEFT_BYTES.length;
      let end = start;
      while (bytes[end] >= 0x30 && bytes[end] <= 0x39) end++;
      parts.push(bytes.subarray(from, start), Buffer.from(String(left[i])));
      from = end;
    }
    parts.push(bytes.subarray(from));
    // One answer at a time (no await here): a request holding the old bytes still has a whole answer.
    page.bytes = Buffer.concat(parts);
    page.left = left;
    return page.bytes;
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
      await index.live.changed([id]);
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
      // Committed: every process's search reloads the activity before its next search.
      await index.live.changed([id]);
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
     * `sqlOnly`: the page chosen in SQL even where the index could (the index's reference).
     */
    async search(query: z.infer<typeof searchQuery>, options: { sqlOnly?: boolean } = {}) {
      // Near a point with band ranges (and not only those with places left, which sign-ups
      // change): the page from this process's index (nearPage).
      if (!options.sqlOnly) {
        const bytes = await nearPage(query);
        if (bytes) return JSON.parse(bytes.toString()) as { items: VolunteerActivityListItem[] };
      }
      const { r, near, spans } = filtersOf(query);
      const shape = [query.division, query.type, query.date, query.openOnly === 'true', near, spans]
        .map((v) => (typeof v === 'number' ? v : v ? 1 : 0))
        .join(',');
      let sql = searchSql.get(shape);
      if (!sql) {
        sql = searchSqlOf(query, near !== null, spans);
        searchSql.set(shape, sql);
      }
      type Found = ActivityRow & { org_name: string; taken: number | string };
      const rows = await readRows<Found>(p.db, sql, r);
      let found = rows.map((a) => ({ a, d: near ? distanceM(near, a) : null }));
      if (near) found = found.filter((f) => f.d! <= query.withinKm * 1000).sort((x, y) => x.d! - y.d!);
      const items = found.map(({ a, d }) =>
        listItem(a, a.org_name, Number(a.taken), d === null ? undefined : Math.round(d)),
      );
      return { items };
    },
    /**
     * The search's answer as JSON bytes (the route's): a page near a point kept as bytes
     * (nearPage), else the SQL's. `whenSent`: given the call to make once the bytes were sent
     * (their answer slab is written into again then).
     */
    async searchBody(query: z.infer<typeof searchQuery>, whenSent?: (sent: () => void) => void): Promise<Buffer> {
      return (
        (await nearPage(query, whenSent)) ?? Buffer.from(JSON.stringify(await this.search(query, { sqlOnly: true })))
      );
    },
    /** After a commit that changed these activities' sign-ups: every process's next search counts their places again. */
    takenChanged: (activityIds: number[]) => taken.changed(activityIds),
  };
}

/** The flat circle's radius in degrees of latitude for `km` (2 % wider than the sphere's). */
const FLAT_R = (km: number) => (km * 1.02) / 111.195;

/** The page's rows by id, with their organization (the search's columns but places taken). */
const PAGE_SQL = `SELECT a.*, o.name AS org_name
  FROM volunteer_activities a JOIN volunteer_orgs o ON o.id = a.org_id
 WHERE a.id IN (:ids)`;

/** The search's SQL, one per shape (which filters, near a point, how many band ranges). */
const searchSql = new Map<string, string>();
function searchSqlOf(query: z.infer<typeof searchQuery>, near: boolean, spans: number) {
  const where = ['a.status IN (:open)', 'a.ends_at > :now'];
  if (query.division) where.push('a.division_code LIKE :division');
  if (query.type) where.push('a.type = :type');
  if (query.date) where.push('a.starts_at < :dayEnd', 'a.ends_at > :dayStart');
  // Places one can still take: published (not under way), before the sign-up deadline, not full
  // (the conditions of a sign-up in signups.ts; a full one only takes 候补).
  if (query.openOnly === 'true')
    where.push(
      `a.status = 'published' AND a.signup_deadline > :now AND a.quota > (SELECT COUNT(*) FROM volunteer_signups s
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
  return `SELECT a.*, o.name AS org_name,
                (SELECT COUNT(*) FROM volunteer_signups s
                  WHERE s.activity_id = a.id AND s.status IN (:taking)) AS taken
           FROM volunteer_activities a JOIN volunteer_orgs o ON o.id = a.org_id
          WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT :limit`;
}

export type Activities = ReturnType<typeof makeActivities>;
