import { Op } from 'sequelize';
import { beijingDateTimeText } from '../../platform/clock';
import type { VolunteerDeps } from './deps';
import type { VolunteerNotices } from './notices';

export const REMINDER_JOB = 'volunteer.day-before-reminders';

/**
 * The reminder the day before: every approved sign-up of an activity that starts tomorrow
 * (Beijing date) is told once. The job runs every hour on one worker, but a job may run twice
 * (a retry, a second worker): each sign-up is claimed by a conditional update of its
 * `reminded_at`, and only the claim that changed the row sends the notice, in the same transaction.
 */
export function makeReminders(deps: VolunteerDeps, tell: VolunteerNotices) {
  const { p, models } = deps;
  return {
    async remindDayBefore(): Promise<{ sent: number }> {
      const today = p.clock.today();
      const tomorrowStart = new Date(new Date(`${today}T00:00:00+08:00`).getTime() + 24 * 3600_000);
      const tomorrowEnd = new Date(tomorrowStart.getTime() + 24 * 3600_000);
      const activities = await models.Activity.findAll({
        where: { status: 'published', starts_at: { [Op.gte]: tomorrowStart, [Op.lt]: tomorrowEnd } },
      });
      let sent = 0;
      for (const activity of activities) {
        const signups = await models.Signup.findAll({
          where: { activity_id: activity.id, status: 'approved', reminded_at: null },
          attributes: ['id', 'volunteer_id'],
        });
        for (const signup of signups) {
          const claimed = await p.db.transaction(async (transaction) => {
            const [n] = await models.Signup.update(
              { reminded_at: p.clock.date() },
              { where: { id: signup.id, status: 'approved', reminded_at: null }, transaction },
            );
            if (n !== 1) return false;
            await tell.tell(
              signup.volunteer_id,
              {
                title: '志愿活动明天开始',
                body: `您已录用的「${activity.title}」将于${beijingDateTimeText(activity.starts_at)}在${activity.address}开始，请按时到达并扫描现场二维码签到；如不能参加，请尽快联系组织者。`,
              },
              { activityId: activity.id },
              transaction,
            );
            return true;
          });
          if (claimed) sent++;
        }
      }
      return { sent };
    },
  };
}
