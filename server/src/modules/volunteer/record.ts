import { Op } from 'sequelize';
import type { Activities } from './activities';
import type { Attendance } from './attendance';
import type { VolunteerDeps } from './deps';
import type { Ledger } from './ledger';
import type { Signups } from './signups';
import type { Volunteers } from './volunteers';

/** My record: profile, approved hours and star level, activities with their state, hours entries. */
export function makeRecord(
  deps: VolunteerDeps,
  volunteers: Volunteers,
  activities: Activities,
  signups: Signups,
  attendance: Attendance,
  ledger: Ledger,
) {
  const { models } = deps;
  return {
    async mine(userId: number) {
      const v = await volunteers.require(userId);
      const [totals, mySignups, myAttendance, entries] = await Promise.all([
        ledger.totals(v.id),
        models.Signup.findAll({ where: { volunteer_id: v.id }, order: [['id', 'DESC']], limit: 200 }),
        models.Attendance.findAll({ where: { volunteer_id: v.id } }),
        models.Ledger.findAll({ where: { volunteer_id: v.id }, order: [['seq', 'DESC']], limit: 500 }),
      ]);
      const ids = [...new Set([...mySignups.map((s) => s.activity_id), ...entries.map((e) => e.activity_id)])];
      const rows = await models.Activity.findAll({ where: { id: { [Op.in]: ids } } });
      const acts = new Map((await activities.views(rows)).map((a) => [a.id, a]));
      const att = new Map(myAttendance.map((a) => [a.activity_id, attendance.view(a)]));
      return {
        volunteer: volunteers.view(v),
        ...totals,
        activities: mySignups.map((s) => ({
          activity: acts.get(s.activity_id) ?? null,
          signup: signups.view(s),
          attendance: att.get(s.activity_id) ?? null,
        })),
        entries: entries.map((e) => ledger.entryView(e, acts.get(e.activity_id)?.title ?? '')),
      };
    },
    async forActivity(userId: number, activityId: number) {
      const v = await volunteers.require(userId);
      const [signup, att] = await Promise.all([
        signups.mine(v.id, activityId),
        models.Attendance.findOne({ where: { activity_id: activityId, volunteer_id: v.id } }),
      ]);
      return { signup, attendance: att ? attendance.view(att) : null };
    },
  };
}
