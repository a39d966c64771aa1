import { Router } from '@koa/router';
import { randomBytes } from 'node:crypto';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import { publishingOf, type SimNewsItem } from './freepublish';
import { materialOf } from './material';
import type { SimulatorState, TokenRecord } from './state';

/** The draft box: draft/add (what freepublish/submit publishes), draft/get, draft/count. */
export function draftRoutes(state: SimulatorState): Router {
  const store = publishingOf(state);
  const material = materialOf(state);
  const router = new Router();
  const mp = requireToken(state, 'mp');

  router.post('/cgi-bin/draft/add', mp, async (ctx) => {
    const { articles } = await readJson(ctx);
    const appid = (ctx.state.wxToken as TokenRecord).appid;
    if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8)
      throw new SimError(40097, 'invalid articles');
    const items: SimNewsItem[] = articles.map((a: Record<string, unknown>) => {
      // WeChat's limits: title ≤ 64 chars, author ≤ 16, digest ≤ 120; content required.
      if (typeof a.title !== 'string' || !a.title.trim() || [...a.title].length > 64)
        throw new SimError(45003, 'title size out of limit');
      if (typeof a.content !== 'string' || !a.content.trim()) throw new SimError(44004, 'empty content');
      if (a.author !== undefined && (typeof a.author !== 'string' || [...a.author].length > 16))
        throw new SimError(45110, 'author size out of limit');
      if (a.digest !== undefined && (typeof a.digest !== 'string' || [...a.digest].length > 120))
        throw new SimError(45004, 'description size out of limit');
      // A news article needs a cover: a permanent image of this very account.
      if (!material.has(appid, a.thumb_media_id)) throw new SimError(40007, 'invalid media_id');
      return store.newsItem(appid, {
        title: a.title,
        author: a.author as string | undefined,
        digest: a.digest as string | undefined,
        content: a.content,
        content_source_url: typeof a.content_source_url === 'string' ? a.content_source_url : '',
        thumb_media_id: a.thumb_media_id as string,
      });
    });
    const media_id = randomBytes(32).toString('base64url');
    store.drafts.set(media_id, { media_id, appid, items, update_time: store.nowSeconds() });
    ctx.body = { media_id };
  });

  router.post('/cgi-bin/draft/get', mp, async (ctx) => {
    const { media_id } = await readJson(ctx);
    const d = typeof media_id === 'string' ? store.drafts.get(media_id) : undefined;
    if (!d || d.appid !== (ctx.state.wxToken as TokenRecord).appid) throw new SimError(40007, 'invalid media_id');
    ctx.body = { news_item: d.items };
  });

  router.get('/cgi-bin/draft/count', mp, (ctx) => {
    const appid = (ctx.state.wxToken as TokenRecord).appid;
    ctx.body = { total_count: [...store.drafts.values()].filter((d) => d.appid === appid).length };
  });

  return router;
}
