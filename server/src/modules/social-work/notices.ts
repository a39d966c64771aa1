import type { Transaction } from 'sequelize';
import { pageLink } from '@minzheng/contracts';
import type { SocialWorkDeps } from './deps';

export const SOCIAL_WORK_NOTICE = 'social_work.progress';

/** Notices to the citizen who asked for help: a worker was assigned, the service was closed. */
export function makeSocialWorkNotices({ notices }: SocialWorkDeps) {
  notices.templates.register<{ title: string; body: string }>({
    key: SOCIAL_WORK_NOTICE,
    kind: 'application',
    render: (d) => ({ title: d.title, body: d.body }),
  });
  return {
    async tell(userId: number, title: string, body: string, requestId: number, transaction?: Transaction) {
      await notices.notify(
        { userId },
        SOCIAL_WORK_NOTICE,
        { title, body },
        pageLink('socialWorkRequests', { id: requestId }),
        { transaction },
      );
    },
  };
}

export type SocialWorkNotices = ReturnType<typeof makeSocialWorkNotices>;
