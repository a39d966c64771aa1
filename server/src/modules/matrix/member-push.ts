import { createHash, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import type { PublishOutcome } from './distribute';

/**
 * Where member accounts push their events (each member's 服务器配置 URL is
 * `/wechat/matrix/<appid>`, with our public account's Token, plain or compatible mode). Only
 * PUBLISHJOBFINISH matters to us; anything else is acknowledged and dropped. Handling is
 * idempotent (a delivery moves forward only), so WeChat's retries need no dedupe mark.
 */
export function addMemberPushRoutes(
  router: Router<AppState>,
  p: Platform,
  handle: (appid: string, e: PublishOutcome) => Promise<unknown>,
) {
  const token = p.config.wechat.mp.token;
  const signed = (q: Record<string, unknown>) => {
    const expected = createHash('sha1')
      .update([token, String(q.timestamp ?? ''), String(q.nonce ?? '')].sort().join(''))
      .digest('hex');
    return (
      typeof q.signature === 'string' &&
      q.signature.length === expected.length &&
      timingSafeEqual(Buffer.from(q.signature.toLowerCase()), Buffer.from(expected))
    );
  };

  router.get('/wechat/matrix/:appid', (ctx) => {
    if (!signed(ctx.query)) {
      ctx.status = 401;
      ctx.body = 'invalid signature';
      return;
    }
    ctx.type = 'text/plain';
    ctx.body = String(ctx.query.echostr ?? '');
  });

  router.post('/wechat/matrix/:appid', async (ctx) => {
    if (!signed(ctx.query)) {
      ctx.status = 401;
      ctx.body = 'invalid signature';
      return;
    }
    const raw = await readText(ctx.req);
    if (raw === null || !looksSafe(raw)) {
      ctx.status = 400;
      ctx.body = 'bad request';
      return;
    }
    ctx.type = 'text/plain';
    ctx.body = 'success';
    if (field(raw, 'MsgType') !== 'event' || field(raw, 'Event') !== 'PUBLISHJOBFINISH') return;
    const event = publishEventOf(raw);
    if (event) await handle(ctx.params.appid, event);
  });
}

/**
 * XML from outside is hostile: no declarations (DTD, entities), no processing instructions but
 * the XML declaration, no named entities. What is left is read with plain patterns, no parser.
 */
function looksSafe(xml: string): boolean {
  const outside = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (outside.includes('<!')) return false;
  if ((outside.match(/<\?/g)?.length ?? 0) > (/^\s*<\?xml\s[^?]*\?>/.test(outside) ? 1 : 0)) return false;
  return (
    !/&(?!(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(outside) &&
    /^\s*(<\?xml[^?]*\?>\s*)?<xml>[\s\S]*<\/xml>\s*$/.test(xml)
  );
}

const field = (xml: string, tag: string) =>
  new RegExp(`<${tag}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${tag}>`)
    .exec(xml)
    ?.slice(1)
    .find((v) => v !== undefined)
    ?.trim();

/** The nested <PublishEventInfo> of a push that passed looksSafe. */
export function publishEventOf(xml: string): PublishOutcome | null {
  const info = /<PublishEventInfo>([\s\S]*?)<\/PublishEventInfo>/.exec(xml)?.[1];
  if (!info) return null;
  const value = (s: string) => s.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').trim();
  const one = (tag: string) => {
    const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(info);
    return m ? value(m[1]) : undefined;
  };
  const all = (tag: string) =>
    [...info.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => value(m[1]));
  const publishId = one('publish_id');
  const status = Number(one('publish_status'));
  if (!publishId || !/^\d{1,20}$/.test(publishId) || !Number.isInteger(status)) return null;
  return { publishId, status, articleUrls: all('article_url'), failIdx: all('fail_idx').map(Number) };
}

const MAX_BYTES = 64 * 1024;
async function readText(req: AsyncIterable<unknown>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BYTES) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
