import type { Platform } from '../../platform/platform';
import { createPushEndpoint, PushHandlers, publishJobFinishOf, pushSettings } from '../../wechat';
import type { PublishOutcome } from './distribute';

/** Each member's 服务器配置 URL: `/wechat/matrix/<its appid>`. */
export const MEMBER_PUSH_PATH = '/wechat/matrix/:appid';

/**
 * Where member accounts push their events. Members are configured with our public account's
 * Token and EncodingAESKey, so their pushes pass through the same boundary as ours (mode,
 * signature, timestamp window, the member's appid inside the encryption, hostile XML, once
 * only). Only PUBLISHJOBFINISH matters to us; anything else is acknowledged and dropped.
 * Mount it before the JSON body parser.
 */
export function createMemberPushEndpoint(p: Platform, handle: (appid: string, e: PublishOutcome) => Promise<unknown>) {
  const handlers = new PushHandlers();
  handlers.on('event:PUBLISHJOBFINISH', async (_msg, { appid, xml }) => {
    const outcome = publishJobFinishOf(xml);
    if (outcome) await handle(appid, outcome);
  });
  return createPushEndpoint(
    {
      ...pushSettings(p.config),
      path: MEMBER_PUSH_PATH,
      now: () => p.clock.now(),
      cache: p.cache,
      logger: p.logger,
    },
    handlers,
  );
}
