import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import { seedMatrixDemo } from './demo';
import { makeDistribute } from './distribute';
import { makeFeed } from './feed';
import { createMemberPushEndpoint } from './member-push';
import { makeMembers } from './members';
import { defineMatrixModels } from './models';
import { matrixRoutes } from './routes';
import { makeSync, SYNC_CONCURRENCY, SYNC_EVERY_MS } from './sync';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type MatrixModels = ReturnType<typeof defineMatrixModels>;
export type { PublishOutcome } from './distribute';

function makeMatrixApi(p: Platform, wechat: Wechat) {
  const models = defineMatrixModels(p.db);
  const feed = makeFeed(p, models);
  const distribute = makeDistribute(p, wechat, models);
  return {
    members: makeMembers(p, wechat, models),
    sync: makeSync(p, wechat, models, feed.changed),
    feed,
    distribute,
    /** For an organization's detail page: recent articles naming it. */
    articlesMentioning: feed.articlesMentioning,
    /** Demo members and 动态 articles for the embedded demo seed (idempotent). */
    seedDemo: () => seedMatrixDemo(p, models, feed.changed),
    /** A member account's PUBLISHJOBFINISH, from whichever push endpoint received it. */
    handlePublishJobFinish: distribute.handlePublishJobFinish,
  };
}

export type MatrixApi = ReturnType<typeof makeMatrixApi>;

/**
 * The 「中国社会组织动态」 content matrix: member public accounts, a scheduled sync of what they
 * publish into one feed, and distribution of an article to chosen members, tracked per member.
 */
export function createMatrix(p: Platform, wechat: Wechat) {
  const api = makeMatrixApi(p, wechat);
  // Handlers never throw for a member's WeChat failure: they record it, so one member's trouble
  // stays that member's (back-off on sync, `failed` on delivery).
  p.jobs.define('matrix.sync-all', async () => {
    await api.sync.enqueueDue();
    await api.distribute.checkStalePublishes();
  });
  p.jobs.define<{ memberId: number }>(
    'matrix.sync-member',
    async ({ memberId }) => {
      await api.sync.syncMember(memberId);
    },
    { concurrency: SYNC_CONCURRENCY },
  );
  p.jobs.define<{ deliveryId: number; attempt: number }>(
    'matrix.deliver',
    ({ deliveryId, attempt }) => api.distribute.deliver(deliveryId, attempt),
    { concurrency: 4 },
  );
  void p.jobs
    .every('matrix.sync-all', SYNC_EVERY_MS)
    .catch((err) => p.logger.error({ err }, 'matrix sync schedule failed'));
  // Member accounts' pushes (PUBLISHJOBFINISH) at /wechat/matrix/<appid>: mount before the JSON body parser.
  const endpoint = createMemberPushEndpoint(p, api.handlePublishJobFinish);
  return { api, router: matrixRoutes(p, api), endpoint };
}
