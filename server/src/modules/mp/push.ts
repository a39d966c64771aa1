import type { Platform } from '../../platform/platform';
import { createPushEndpoint, PushHandlers, pushSettings } from '../../wechat';
import type { makeReplies } from './replies';
import type { makeSubscribers } from './subscribers';

/**
 * The push endpoint of the public account (config WX_MP_PUSH_PATH, default /wechat/mp) and
 * what this module does with what arrives. Other modules add handlers through `handlers.on`
 * (notices: TEMPLATESENDJOBFINISH; the content matrix: publish events).
 */
export function makePush(
  p: Platform,
  subscribers: ReturnType<typeof makeSubscribers>,
  replies: ReturnType<typeof makeReplies>,
) {
  const { mp } = p.config.wechat;
  const handlers = new PushHandlers();
  const endpoint = createPushEndpoint(
    {
      ...pushSettings(p.config),
      path: mp.pushPath,
      appid: mp.appid,
      now: () => p.clock.now(),
      cache: p.cache,
      logger: p.logger,
    },
    handlers,
  );

  handlers.on('event:subscribe', async (m) => {
    await subscribers.followed(m.FromUserName, m.EventKey);
    return {
      type: 'text',
      content: `感谢关注民政服务！婚姻登记预约、办事进度、社会组织信用查询都可在小程序办理；回复关键词（如“结婚材料”“办公时间”）可获取常见问题答复。`,
    };
  });
  handlers.on('event:unsubscribe', async (m) => {
    await subscribers.unfollowed(m.FromUserName);
  });
  handlers.on('event:SCAN', async (m) => {
    await subscribers.scanned(m.FromUserName, m.EventKey ?? '');
  });
  handlers.on('event:CLICK', async (m) => {
    const key = m.EventKey ?? '';
    if (key === 'HOTLINE')
      return { type: 'text', content: `民政服务热线：${p.config.hotline.default}（工作日 9:00–17:00）` };
    if (key === 'FAQ') return { type: 'text', content: await replies.faq() };
    return { type: 'text', content: await replies.answer(key === 'HOURS' ? '办公时间' : key) };
  });
  handlers.on('event:VIEW', async () => undefined);
  handlers.on('text', async (m) => ({ type: 'text', content: await replies.answer(m.Content ?? '') }));

  return { endpoint, handlers };
}
