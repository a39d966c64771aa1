import type { Platform } from '../../platform/platform';
import { makeInbox } from './inbox';
import { defineNoticeModels } from './models';
import { makeNotify } from './notify';
import { noticeRoutes } from './routes';
import { createTemplateRegistry } from './templates';

export type NoticeModels = ReturnType<typeof defineNoticeModels>;
export type { NoticeTemplate, NoticeKind } from './templates';

/**
 * Notices: `notify()` for every module, and the citizen's 消息 list. Modules register their
 * templates with `templates.register` when they are created.
 */
export function createNotices(p: Platform) {
  const api = makeNoticesApi(p);
  return { api, router: noticeRoutes(p, api) };
}

function makeNoticesApi(p: Platform) {
  const models = defineNoticeModels(p.db);
  const templates = createTemplateRegistry();
  return { notify: makeNotify(p, models, templates), templates, inbox: makeInbox(models) };
}

export type NoticesApi = ReturnType<typeof makeNoticesApi>;
