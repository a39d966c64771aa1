import { Op, UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import { ATTENDANCE_STATUS_NAMES, SCAN_FLAG_NAMES, type ScanFlag } from '@minzheng/contracts';
import { AppError } from '../../platform/errors';
import type { StaffPrincipal } from '../../platform/context';
import { maskName } from '../identity';
import type { Access } from './access';
import { type VolunteerDeps, wholeSeconds } from './deps';
import {
  activityNotActiveError,
  alreadySignedInError,
  alreadySignedOutError,
  attendanceDecidedError,
  attendanceNotFoundError,
  attendanceNotReadyError,
  codeOtherActivityError,
  codeReplayedError,
  exceptionReasonRequiredError,
  locationTooFarError,
  manualOutsideActivityError,
  noHoursError,
  notApprovedForActivityError,
  notSignedInError,
  openElsewhereError,
  volunteerNumberNotFoundError,
  ledgerEntryNotFoundError,
} from './errors';
import { distanceM } from '../../platform/geo';
import type { Ledger } from './ledger';
import type { ActivityRow, AttendanceRow } from './models';
import type { OnsiteCode } from './onsite-code';
import type { correctionBody, manualHoursBody, scanBody } from './schemas';
import type { VolunteerNotices } from './notices';
import type { Volunteers } from './volunteers';

/** Sign-in opens this long before the start; sign-out closes this long after the end. */
const WINDOW_SLACK_MS = 30 * 60_000;
/** Farther than this (or 10 radii) is not "a little outside": the scan is refused outright. */
const FAR_M = 5000;

type Scan = z.infer<typeof scanBody> & { activityId?: number };

/**
 * Sign-in and sign-out scans, and the hours they credit. A scan outside the geofence (radius
 * plus the reported accuracy, counted up to one radius) or outside the activity's time is kept
 * but flagged: the organizer must approve it with a reason. Hours are sign-out − sign-in capped
 * by the activity's own time. Every refused scan is recorded as an attempt, nothing more.
 */
export function makeAttendance(
  deps: VolunteerDeps,
  access: Access,
  volunteers: Volunteers,
  code: OnsiteCode,
  ledger: Ledger,
  tell: VolunteerNotices,
) {
  const { p, models } = deps;

  const flagsOf = (text: string | null): ScanFlag[] => (text ? (text.split(',').filter(Boolean) as ScanFlag[]) : []);
  const view = (a: AttendanceRow) => {
    const flags = [...new Set([...flagsOf(a.in_flags), ...flagsOf(a.out_flags)])];
    return {
      id: a.id,
      activityId: a.activity_id,
      status: a.status,
      statusName: ATTENDANCE_STATUS_NAMES[a.status],
      signedInAt: new Date(a.in_at).toISOString(),
      signedOutAt: a.out_at ? new Date(a.out_at).toISOString() : null,
      inDistanceM: a.in_distance_m,
      outDistanceM: a.out_distance_m,
      minutes: a.minutes,
      flags,
      flagNames: flags.map((f) => SCAN_FLAG_NAMES[f]),
      /** Flagged scans are credited only after the organizer approves them with a reason. */
      needsReview: flags.length > 0,
      reviewReason: a.review_reason,
    };
  };

  function judge(activity: ActivityRow, scan: Scan, action: 'in' | 'out') {
    const distance = distanceM(scan, activity);
    if (distance > Math.max(FAR_M, 10 * activity.radius_m)) throw locationTooFarError();
    const flags: ScanFlag[] = [];
    if (distance > activity.radius_m + Math.min(scan.accuracy, activity.radius_m)) flags.push('out_of_fence');
    const now = p.clock.now();
    const starts = new Date(activity.starts_at).getTime();
    const ends = new Date(activity.ends_at).getTime();
    const inWindow =
      action === 'in' ? now >= starts - WINDOW_SLACK_MS && now <= ends : now >= starts && now <= ends + WINDOW_SLACK_MS;
    if (!inWindow) flags.push('out_of_window');
    return { distance: Math.round(distance), flags: flags.join(',') };
  }

  /** Minutes of service: sign-out − sign-in, capped by the activity's own time. */
  function creditedSpan(activity: ActivityRow, inAt: Date, outAt: Date) {
    const start = Math.max(new Date(inAt).getTime(), new Date(activity.starts_at).getTime());
    const end = Math.min(new Date(outAt).getTime(), new Date(activity.ends_at).getTime());
    const minutes = Math.max(0, Math.floor((end - start) / 60_000));
    return { start: new Date(start), end: new Date(Math.max(start, end)), minutes };
  }

  async function recordAttempt(volunteerId: number, activityId: number | null, scan: Scan, outcome: string) {
    await models.Attempt.create({
      activity_id: activityId,
      volunteer_id: volunteerId,
      action: scan.action,
      outcome,
      lat: scan.lat,
      lng: scan.lng,
      accuracy_m: Math.round(Math.min(scan.accuracy, 1e6)),
      created_at: p.clock.date(),
    });
  }

  /**
   * The volunteer behind a user and, in the same statement, their sign-up's status for the
   * activity the code claims (checked against the verified code before it counts).
   */
  async function volunteerWithSignup(userId: number, claimedActivityId: number | null) {
    if (claimedActivityId === null) return { volunteer: await volunteers.require(userId), signupStatus: null };
    const volunteer = await models.Volunteer.findOne({
      where: { user_id: userId },
      attributes: ['id'],
      include: [
        {
          model: models.Signup,
          as: 'signupsForScan',
          attributes: ['activity_id', 'status'],
          where: { activity_id: claimedActivityId },
          required: false,
        },
      ],
    });
    if (!volunteer) return { volunteer: await volunteers.require(userId), signupStatus: null };
    const signups = (volunteer as unknown as { signupsForScan?: { activity_id: number; status: string }[] })
      .signupsForScan;
    return { volunteer, signupStatus: { activityId: claimedActivityId, status: signups?.[0]?.status ?? null } };
  }

  async function scanUnchecked(
    volunteerId: number,
    scan: Scan,
    seen: { activityId: number | null },
    known: { activityId: number; status: string | null } | null,
  ) {
    const { activity, version } = await code.verify(scan.code);
    seen.activityId = activity.id;
    if (scan.activityId !== undefined && scan.activityId !== activity.id) throw codeOtherActivityError();
    const allowed = scan.action === 'in' ? ['published', 'in_progress'] : ['published', 'in_progress', 'finished'];
    if (!allowed.includes(activity.status)) throw activityNotActiveError();
    const signupStatus =
      known?.activityId === activity.id
        ? known.status
        : (await models.Signup.findOne({ where: { activity_id: activity.id, volunteer_id: volunteerId } }))?.status;
    if (signupStatus !== 'approved') throw notApprovedForActivityError();
    const { distance, flags } = judge(activity, scan, scan.action);
    const now = wholeSeconds(p.clock.now());
    return p.cache.withLock(ledger.lockOf(volunteerId), async () => {
      // This activity's row and any sign-in still open elsewhere, in one statement.
      const mine = await models.Attendance.findAll({
        where: { volunteer_id: volunteerId, [Op.or]: [{ activity_id: activity.id }, { status: 'signed_in' }] },
      });
      const existing = mine.find((a) => a.activity_id === activity.id) ?? null;
      if (scan.action === 'in') {
        if (existing) throw existing.status === 'signed_in' ? alreadySignedInError() : alreadySignedOutError();
        const open = mine.find((a) => a.status === 'signed_in');
        if (open) {
          const other = await models.Activity.findByPk(open.activity_id);
          throw openElsewhereError(other?.title ?? '其他活动');
        }
        try {
          const row = await models.Attendance.create({
            activity_id: activity.id,
            volunteer_id: volunteerId,
            status: 'signed_in',
            in_at: now,
            in_lat: scan.lat,
            in_lng: scan.lng,
            in_accuracy_m: Math.round(Math.min(scan.accuracy, 1e6)),
            in_distance_m: distance,
            in_code_version: version,
            in_flags: flags,
            out_at: null,
            out_flags: null,
            minutes: null,
            created_at: now,
            updated_at: now,
          });
          return { attendance: view(row), activityTitle: activity.title };
        } catch (err) {
          if (err instanceof UniqueConstraintError) throw alreadySignedInError();
          throw err;
        }
      }
      if (!existing) throw notSignedInError();
      if (existing.status !== 'signed_in') throw alreadySignedOutError();
      // The code seen at sign-in cannot sign out too: whoever was sent one code cannot do both.
      if (version <= existing.in_code_version) throw codeReplayedError();
      const { minutes } = creditedSpan(activity, existing.in_at, now);
      const [n] = await models.Attendance.update(
        {
          status: 'signed_out',
          out_at: now,
          out_lat: scan.lat,
          out_lng: scan.lng,
          out_accuracy_m: Math.round(Math.min(scan.accuracy, 1e6)),
          out_distance_m: distance,
          out_code_version: version,
          out_flags: flags,
          minutes,
          updated_at: now,
        },
        { where: { id: existing.id, status: 'signed_in' } },
      );
      if (n !== 1) throw alreadySignedOutError();
      await existing.reload();
      return { attendance: view(existing), activityTitle: activity.title };
    });
  }

  async function staffRowsView(rows: AttendanceRow[]) {
    const people = await models.Volunteer.findAll({ where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } } });
    const byId = new Map(people.map((v) => [v.id, v]));
    return rows.map((r) => {
      const v = byId.get(r.volunteer_id)!;
      return { ...view(r), volunteer: { number: v.number, name: maskName(p.pii.decrypt(v.name_enc)) } };
    });
  }

  return {
    view,
    async scan(userId: number, scan: Scan) {
      // The activity the code claims to be of, so a refused scan is recorded against it.
      const claimed = /^ZYQD1\.(\d{1,9})\./.exec(scan.code.trim());
      const seen = { activityId: claimed ? Number(claimed[1]) : (null as number | null) };
      const { volunteer, signupStatus } = await volunteerWithSignup(userId, seen.activityId);
      try {
        return await scanUnchecked(volunteer.id, scan, seen, signupStatus);
      } catch (err) {
        if (err instanceof AppError)
          await recordAttempt(volunteer.id, seen.activityId ?? scan.activityId ?? null, scan, err.code);
        throw err;
      }
    },
    async attemptsOf(staff: StaffPrincipal, activityId: number) {
      await access.activity(staff, activityId);
      const rows = await models.Attempt.findAll({
        where: { activity_id: activityId },
        order: [['id', 'DESC']],
        limit: 500,
      });
      return {
        items: rows.map((r) => ({ id: r.id, action: r.action, outcome: r.outcome, at: r.created_at })),
      };
    },
    async forActivity(staff: StaffPrincipal, activityId: number) {
      await access.activity(staff, activityId);
      const rows = await models.Attendance.findAll({ where: { activity_id: activityId }, order: [['id', 'ASC']] });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.attendance.read',
        target: { type: 'volunteer_activity', id: activityId },
      });
      return { items: await staffRowsView(rows) };
    },
    /** The hours credited for an activity, 补录 marked, with masked names (a read of personal data: audited). */
    async ledgerOf(staff: StaffPrincipal, activityId: number) {
      const { activity } = await access.activity(staff, activityId);
      const rows = await models.Ledger.findAll({ where: { activity_id: activityId }, order: [['id', 'ASC']] });
      const people = rows.length
        ? await models.Volunteer.findAll({ where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } } })
        : [];
      const byId = new Map(people.map((v) => [v.id, v]));
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.ledger.read',
        target: { type: 'volunteer_activity', id: activityId },
        detail: { count: rows.length },
      });
      return {
        items: rows.map((r) => {
          const v = byId.get(r.volunteer_id)!;
          return {
            ...ledger.entryView(r, activity.title),
            volunteer: { number: v.number, name: maskName(p.pii.decrypt(v.name_enc)) },
          };
        }),
      };
    },
    /** The organizer confirms a volunteer's hours; a flagged scan needs a reason. */
    async confirm(staff: StaffPrincipal, attendanceId: number, reason?: string) {
      const row = await models.Attendance.findByPk(attendanceId);
      if (!row) throw attendanceNotFoundError();
      const { activity, org } = await access.activity(staff, row.activity_id).catch(() => {
        throw attendanceNotFoundError();
      });
      if (row.status === 'signed_in') throw attendanceNotReadyError();
      if (row.status !== 'signed_out') throw attendanceDecidedError();
      if (view(row).needsReview && !reason) throw exceptionReasonRequiredError();
      const span = creditedSpan(activity, row.in_at, row.out_at!);
      if (span.minutes <= 0) throw noHoursError();
      await p.cache.withLock(ledger.lockOf(row.volunteer_id), () =>
        p.db.transaction(async (transaction) => {
          const [n] = await models.Attendance.update(
            {
              status: 'confirmed',
              review_reason: reason ?? null,
              reviewed_by: staff.id,
              reviewed_at: p.clock.date(),
              updated_at: p.clock.date(),
            },
            { where: { id: row.id, status: 'signed_out' }, transaction },
          );
          if (n !== 1) throw attendanceDecidedError();
          const entry = await ledger.append(
            {
              volunteerId: row.volunteer_id,
              activityId: activity.id,
              orgId: org.id,
              kind: 'scan',
              minutes: span.minutes,
              startAt: span.start,
              endAt: span.end,
              attendanceId: row.id,
              correctsId: null,
              reason: reason ?? null,
              approvedBy: staff.id,
            },
            transaction,
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'volunteer.hours.confirm',
              target: { type: 'volunteer_attendance', id: row.id },
              detail: { minutes: span.minutes, ledgerEntry: entry.id, reason: reason ?? null, flags: view(row).flags },
            },
            transaction,
          );
          await tell.tell(
            row.volunteer_id,
            {
              title: '志愿服务时长已确认',
              body: `「${activity.title}」的服务时长 ${(span.minutes / 60).toFixed(2)} 小时已由组织确认并计入。`,
            },
            { activityId: activity.id },
            transaction,
          );
        }),
      );
      await row.reload();
      return { attendance: view(row) };
    },
    async reject(staff: StaffPrincipal, attendanceId: number, reason: string) {
      const row = await models.Attendance.findByPk(attendanceId);
      if (!row) throw attendanceNotFoundError();
      await access.activity(staff, row.activity_id).catch(() => {
        throw attendanceNotFoundError();
      });
      if (row.status !== 'signed_out' && row.status !== 'signed_in') throw attendanceDecidedError();
      await p.db.transaction(async (transaction) => {
        const [n] = await models.Attendance.update(
          {
            status: 'rejected',
            review_reason: reason,
            reviewed_by: staff.id,
            reviewed_at: p.clock.date(),
            updated_at: p.clock.date(),
          },
          { where: { id: row.id, status: row.status }, transaction },
        );
        if (n !== 1) throw attendanceDecidedError();
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'volunteer.hours.reject',
            target: { type: 'volunteer_attendance', id: row.id },
            detail: { reason },
          },
          transaction,
        );
      });
      await row.reload();
      return { attendance: view(row) };
    },
    /** 补录: a manual entry with a reason, inside the activity's time, marked 补录 everywhere. */
    async manual(staff: StaffPrincipal, activityId: number, input: z.infer<typeof manualHoursBody>) {
      const { activity, org } = await access.activity(staff, activityId);
      const volunteer = await models.Volunteer.findOne({ where: { number: input.volunteerNumber } });
      if (!volunteer) throw volunteerNumberNotFoundError();
      const starts = new Date(activity.starts_at).getTime();
      const ends = new Date(activity.ends_at).getTime();
      if (input.startAt.getTime() < starts || input.endAt.getTime() > ends || input.endAt <= input.startAt)
        throw manualOutsideActivityError();
      const minutes = Math.floor((input.endAt.getTime() - input.startAt.getTime()) / 60_000);
      const entry = await p.cache.withLock(ledger.lockOf(volunteer.id), () =>
        p.db.transaction(async (transaction) => {
          const entry = await ledger.append(
            {
              volunteerId: volunteer.id,
              activityId: activity.id,
              orgId: org.id,
              kind: 'manual',
              minutes,
              startAt: input.startAt,
              endAt: input.endAt,
              attendanceId: null,
              correctsId: null,
              reason: input.reason,
              approvedBy: staff.id,
            },
            transaction,
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'volunteer.hours.manual',
              target: { type: 'volunteer', id: volunteer.id },
              detail: { activityId, minutes, reason: input.reason, ledgerEntry: entry.id },
            },
            transaction,
          );
          return entry;
        }),
      );
      return { entry: ledger.entryView(entry, activity.title) };
    },
    /** A correction is a new entry that changes an entry's minutes; the old one stays. */
    async correct(staff: StaffPrincipal, entryId: number, input: z.infer<typeof correctionBody>) {
      const original = await models.Ledger.findByPk(entryId);
      if (!original || original.kind === 'correction') throw ledgerEntryNotFoundError();
      const { activity } = await access.activity(staff, original.activity_id).catch(() => {
        throw ledgerEntryNotFoundError();
      });
      const entry = await p.cache.withLock(ledger.lockOf(original.volunteer_id), () =>
        p.db.transaction(async (transaction) => {
          const earlier = await models.Ledger.findAll({ where: { corrects_id: original.id }, transaction });
          const current = original.minutes + earlier.reduce((s, e) => s + e.minutes, 0);
          const entry = await ledger.append(
            {
              volunteerId: original.volunteer_id,
              activityId: original.activity_id,
              orgId: original.org_id,
              kind: 'correction',
              minutes: input.minutes - current,
              startAt: original.start_at,
              endAt: original.end_at,
              attendanceId: original.attendance_id,
              correctsId: original.id,
              reason: input.reason,
              approvedBy: staff.id,
            },
            transaction,
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'volunteer.hours.correct',
              target: { type: 'volunteer_ledger', id: original.id },
              detail: { from: current, to: input.minutes, reason: input.reason, ledgerEntry: entry.id },
            },
            transaction,
          );
          return entry;
        }),
      );
      return { entry: ledger.entryView(entry, activity.title) };
    },
  };
}

export type Attendance = ReturnType<typeof makeAttendance>;
