import type { Transaction } from 'sequelize';
import { pageLink } from '@minzheng/contracts';
import type { VolunteerDeps } from './deps';

export const VOLUNTEER_NOTICE = 'volunteer.progress';

interface VolunteerNotice {
  title: string;
  body: string;
}

/**
 * Notices to a volunteer through `notify()`: sign-up approved or not, hours credited,
 * certificate issued. A record an organization registered and nobody claimed has no one to tell.
 */
export function makeVolunteerNotices(deps: VolunteerDeps) {
  const { models, notices } = deps;
  notices.templates.register<VolunteerNotice>({
    key: VOLUNTEER_NOTICE,
    kind: 'application',
    render: (d) => ({ title: d.title, body: d.body }),
  });
  return {
    async tell(
      volunteerId: number,
      notice: VolunteerNotice,
      link: { activityId?: number; orgs?: true },
      transaction?: Transaction,
    ): Promise<void> {
      const v = await models.Volunteer.findByPk(volunteerId, { transaction });
      if (!v?.user_id) return;
      await notices.notify(
        { userId: v.user_id },
        VOLUNTEER_NOTICE,
        { title: notice.title, body: notice.body },
        link.activityId
          ? pageLink('volunteerActivity', { id: link.activityId })
          : pageLink(link.orgs ? 'volunteerOrgs' : 'volunteerRecord'),
        { transaction },
      );
    },
  };
}

export type VolunteerNotices = ReturnType<typeof makeVolunteerNotices>;
