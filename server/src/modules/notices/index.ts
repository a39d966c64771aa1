import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import type { IdentityApi } from '../identity';
import type { MpApi } from '../mp';
import { makeFollowerPush } from './follower-push';
import { makeBroadcasts } from './broadcasts';
import { makeConsents } from './consents';
import { makeDispatcher } from './dispatch';
import { makeInbox } from './inbox';
import { defineNoticeModels } from './models';
import { makeNotify } from './notify';
import { makePreferences } from './preferences';
import { registerBuiltInTemplates } from './built-in-templates';
import { noticeRoutes } from './routes';
import { createTemplateRegistry } from './templates';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type NoticeModels = ReturnType<typeof defineNoticeModels>;
export type { NoticeTemplate, NoticeKind, WechatMapping } from './templates';

/**
 * Notices: `notify()` for every module, the citizen's 消息 list, and delivery through WeChat
 * (outbox, dispatch, receipts, broadcasts). Modules register their templates with
 * `templates.register` when they are created.
 */
export function createNotices(p: Platform, wechat: Wechat, mp: MpApi, identity: IdentityApi) {
  const api = makeNoticesApi(p, wechat, mp, identity);
  return { api, router: noticeRoutes(p, api) };
}

function makeNoticesApi(p: Platform, wechat: Wechat, mp: MpApi, identity: IdentityApi) {
  const models = defineNoticeModels(p.db);
  const templates = createTemplateRegistry();
  registerBuiltInTemplates(templates);
  const consents = makeConsents(models, templates, p.clock);
  const preferences = makePreferences(models, p.clock);
  const dispatcher = makeDispatcher(p, wechat, models, mp);
  void dispatcher.schedule().catch((err) => p.logger.error({ err }, 'could not schedule the notice sweeper'));

  // Delivery reports and unfollows arrive on the public account's push endpoint.
  mp.push.on('event:TEMPLATESENDJOBFINISH', async (m) => {
    if (m.MsgID && /^\d{1,20}$/.test(m.MsgID)) await dispatcher.receipt(m.MsgID, m.Status ?? '');
  });
  mp.push.on('event:unsubscribe', async (m) => {
    await dispatcher.unfollowed(m.FromUserName);
  });

  const notify = makeNotify(p, models, templates, { mp, identity, consents, preferences, dispatcher });
  // The account that held a number its verified owner took back is told, in the same transaction.
  identity.onReclaimed(async ({ formerUserId, idNumberMasked }, transaction) => {
    await notify({ userId: formerUserId }, 'identity.reclaimed', { idNumber: idNumberMasked }, undefined, {
      transaction,
    });
  });

  return {
    notify,
    templates,
    inbox: makeInbox(models, p.clock),
    consents,
    preferences,
    broadcasts: makeBroadcasts(p, models, templates, mp, dispatcher),
    dispatcher,
    /** A keyed system push to a segment's followers: each follower gets a key once (follower-push.ts). */
    pushToFollowers: makeFollowerPush(p, models, templates, mp, dispatcher),
    useDeliveryCounter: dispatcher.useDeliveryCounter,
    /** Delivery of one outbox row, for staff and tests. */
    async delivery(outboxId: number) {
      const row = await models.Outbox.findByPk(outboxId, { raw: true });
      return row
        ? {
            id: Number(row.id),
            channel: row.channel,
            status: row.status,
            msgid: row.msgid,
            reason: row.reason,
            /** Why it failed, when it did: technical | temporary | permanent. */
            failureClass: row.failure_class ?? null,
            attempts: row.attempts,
          }
        : null;
    },
  };
}

export type NoticesApi = ReturnType<typeof makeNoticesApi>;
