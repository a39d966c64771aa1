import { Op, type Transaction, UniqueConstraintError } from 'sequelize';
import { SIGNUP_STATUS_NAMES } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { type ExportCell, writeCsv, writeXlsx } from '../../platform/exports';
import { beijingDateTimeText } from '../../platform/clock';
import { maskIdNumber, maskName } from '../identity';
import type { Access } from './access';
import { type Activities, TAKES_PLACE } from './activities';
import type { VolunteerDeps } from './deps';
import {
  alreadySignedUpError,
  cancelClosedError,
  notOpenForSignupError,
  signupDeadlinePassedError,
  signupNotFoundError,
  signupNotPendingError,
} from './errors';
import type { SignupRow } from './models';
import type { VolunteerNotices } from './notices';
import type { Volunteers } from './volunteers';

/**
 * Sign-ups: 待审核 → 已录用 / 未录用 (with a reason) / 已取消; a full activity puts the next ones
 * on a waiting list (候补), promoted in order when a place frees. Every change to one activity's
 * sign-ups runs under one lock shared by every process, so the quota holds.
 */
/** A roster export is made while the organizer waits; an activity has far fewer sign-ups. */
export const MAX_ROSTER_ROWS = 5000;

export function makeSignups(
  deps: VolunteerDeps,
  access: Access,
  volunteers: Volunteers,
  tell: VolunteerNotices,
  activities: Pick<Activities, 'takenChanged'>,
) {
  const { p, models } = deps;
  const lockOf = (activityId: number) => `volunteer:activity:${activityId}`;

  const view = (s: SignupRow) => ({
    id: s.id,
    activityId: s.activity_id,
    status: s.status,
    statusName: SIGNUP_STATUS_NAMES[s.status],
    reason: s.reason,
    signedUpAt: s.created_at,
    decidedAt: s.decided_at,
  });

  /** Moves the first on the waiting list into review while places are left. */
  async function promote(activityId: number, quota: number, transaction: Transaction) {
    const taken = await models.Signup.count({
      where: { activity_id: activityId, status: { [Op.in]: [...TAKES_PLACE] } },
      transaction,
    });
    if (taken >= quota) return;
    const next = await models.Signup.findAll({
      where: { activity_id: activityId, status: 'waitlisted' },
      order: [['id', 'ASC']],
      limit: quota - taken,
      transaction,
    });
    for (const s of next) await s.update({ status: 'pending', updated_at: p.clock.date() }, { transaction });
  }

  return {
    view,
    async signUp(userId: number, activityId: number) {
      const volunteer = await volunteers.require(userId);
      return p.cache.withLock(lockOf(activityId), async () => {
        const activity = await models.Activity.findByPk(activityId);
        if (!activity || activity.status === 'draft') throw signupNotFoundError();
        if (activity.status !== 'published') throw notOpenForSignupError();
        if (p.clock.now() >= new Date(activity.signup_deadline).getTime()) throw signupDeadlinePassedError();
        try {
          const answer = await p.db.transaction(async (transaction) => {
            const existing = await models.Signup.findOne({
              where: { activity_id: activityId, volunteer_id: volunteer.id },
              transaction,
            });
            if (existing && existing.status !== 'cancelled') throw alreadySignedUpError();
            const taken = await models.Signup.count({
              where: { activity_id: activityId, status: { [Op.in]: [...TAKES_PLACE] } },
              transaction,
            });
            const status = taken < activity.quota ? 'pending' : 'waitlisted';
            const now = p.clock.date();
            const fields = { status, reason: null, decided_by: null, decided_at: null, updated_at: now } as const;
            const row = existing
              ? await existing.update(fields, { transaction })
              : await models.Signup.create(
                  { ...fields, activity_id: activityId, volunteer_id: volunteer.id, created_at: now },
                  { transaction },
                );
            await p.audit.record(
              {
                actor: { type: 'citizen', id: userId },
                action: 'volunteer.signup',
                target: { type: 'volunteer_activity', id: activityId },
                detail: { status },
              },
              transaction,
            );
            return { signup: view(row) };
          });
          // Committed: every process's next search counts this activity's places again.
          await activities.takenChanged([activityId]);
          return answer;
        } catch (err) {
          if (err instanceof UniqueConstraintError) throw alreadySignedUpError();
          throw err;
        }
      });
    },
    async cancel(userId: number, activityId: number) {
      const volunteer = await volunteers.require(userId);
      return p.cache.withLock(lockOf(activityId), async () => {
        const activity = await models.Activity.findByPk(activityId);
        const signup = await models.Signup.findOne({ where: { activity_id: activityId, volunteer_id: volunteer.id } });
        if (!activity || !signup || signup.status === 'cancelled' || signup.status === 'rejected')
          throw signupNotFoundError();
        if (p.clock.now() >= new Date(activity.signup_deadline).getTime()) throw cancelClosedError();
        await p.db.transaction(async (transaction) => {
          await signup.update({ status: 'cancelled', updated_at: p.clock.date() }, { transaction });
          await promote(activityId, activity.quota, transaction);
          await p.audit.record(
            {
              actor: { type: 'citizen', id: userId },
              action: 'volunteer.signup.cancel',
              target: { type: 'volunteer_activity', id: activityId },
            },
            transaction,
          );
        });
        await activities.takenChanged([activityId]);
        return { signup: view(signup) };
      });
    },
    async mine(volunteerId: number, activityId: number) {
      const s = await models.Signup.findOne({ where: { activity_id: activityId, volunteer_id: volunteerId } });
      return s ? view(s) : null;
    },
    async forActivity(staff: StaffPrincipal, activityId: number) {
      await access.activity(staff, activityId);
      const rows = await models.Signup.findAll({ where: { activity_id: activityId }, order: [['id', 'ASC']] });
      const people = await models.Volunteer.findAll({
        where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } },
      });
      const byId = new Map(people.map((v) => [v.id, v]));
      // The roster is personal data: reading it is audited.
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.signup.read',
        target: { type: 'volunteer_activity', id: activityId },
      });
      return {
        items: rows.map((r) => {
          const v = byId.get(r.volunteer_id)!;
          return {
            ...view(r),
            volunteer: {
              number: v.number,
              name: maskName(p.pii.decrypt(v.name_enc)),
              skills: v.skills,
            },
          };
        }),
      };
    },
    /**
     * The roster of an activity as XLSX or CSV, made while the organizer waits (an activity's
     * sign-ups are few; past MAX_ROSTER_ROWS it is refused). Names and ID numbers masked; text
     * neutralized by the platform's export helper; audited with the count.
     */
    async exportRoster(staff: StaffPrincipal, activityId: number, format: 'xlsx' | 'csv') {
      const { activity } = await access.activity(staff, activityId);
      const count = await models.Signup.count({ where: { activity_id: activityId } });
      if (count > MAX_ROSTER_ROWS)
        throw badRequest('EXPORT_TOO_LARGE', `共${count}条，超过每次导出上限${MAX_ROSTER_ROWS}条`);
      const rows = await models.Signup.findAll({ where: { activity_id: activityId }, order: [['id', 'ASC']] });
      const people = await models.Volunteer.findAll({ where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } } });
      const byId = new Map(people.map((v) => [v.id, v]));
      const header = ['序号', '志愿者编号', '姓名', '证件号码', '技能', '报名状态', '报名时间', '处理理由'];
      const data: ExportCell[][] = rows.map((r, i) => {
        const v = byId.get(r.volunteer_id)!;
        return [
          i + 1,
          v.number,
          maskName(p.pii.decrypt(v.name_enc)),
          maskIdNumber(p.pii.decrypt(v.id_number_enc)),
          (v.skills ?? []).join('、'),
          SIGNUP_STATUS_NAMES[r.status],
          beijingDateTimeText(r.created_at),
          r.reason ?? '',
        ];
      });
      const body =
        format === 'csv'
          ? writeCsv(header, data)
          : await writeXlsx([
              {
                name: '报名名单',
                title: `${activity.title} 报名名单`,
                header,
                rows: data,
                widths: [6, 16, 10, 22, 20, 10, 20, 30],
              },
            ]);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.signup.export',
        target: { type: 'volunteer_activity', id: activityId },
        detail: { format, count: rows.length },
      });
      return { data: body, count: rows.length };
    },
    async decide(staff: StaffPrincipal, signupId: number, decision: 'approve' | 'reject', reason?: string) {
      const signup = await models.Signup.findByPk(signupId);
      if (!signup) throw signupNotFoundError();
      const { activity } = await access.activity(staff, signup.activity_id).catch(() => {
        throw signupNotFoundError();
      });
      return p.cache.withLock(lockOf(activity.id), async () => {
        await signup.reload();
        const allowed = decision === 'approve' ? ['pending'] : ['pending', 'waitlisted', 'approved'];
        if (!allowed.includes(signup.status)) throw signupNotPendingError();
        await p.db.transaction(async (transaction) => {
          await signup.update(
            {
              status: decision === 'approve' ? 'approved' : 'rejected',
              reason: reason ?? null,
              decided_by: staff.id,
              decided_at: p.clock.date(),
              updated_at: p.clock.date(),
            },
            { transaction },
          );
          if (decision === 'reject') await promote(activity.id, activity.quota, transaction);
          await tell.tell(
            signup.volunteer_id,
            decision === 'approve'
              ? {
                  title: '志愿活动报名已录用',
                  body: `您报名的「${activity.title}」已录用，请按时到达活动现场扫码签到。`,
                }
              : { title: '志愿活动报名未录用', body: `您报名的「${activity.title}」未录用：${reason}` },
            { activityId: activity.id },
            transaction,
          );
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: `volunteer.signup.${decision}`,
              target: { type: 'volunteer_signup', id: signup.id },
              detail: reason ? { reason } : undefined,
            },
            transaction,
          );
        });
        await activities.takenChanged([activity.id]);
        return { signup: view(signup) };
      });
    },
  };
}

export type Signups = ReturnType<typeof makeSignups>;
