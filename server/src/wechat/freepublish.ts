/**
 * Public-account publishing APIs for any appid the token manager knows (the content matrix's
 * members): list what an account published, add a draft, submit it for publishing.
 */
import { WechatError } from './errors';
import type { TokenManager } from './token-manager';
import type { Transport } from './transport';

export interface PublishedItem {
  title: string;
  author: string;
  digest: string;
  url: string;
  thumbUrl: string;
  isDeleted: boolean;
}

export interface PublishedArticle {
  articleId: string;
  /** Seconds since the epoch, as WeChat gives them. */
  createTime: number;
  updateTime: number;
  items: PublishedItem[];
}

export interface DraftArticle {
  title: string;
  author?: string;
  digest?: string;
  content: string;
  contentSourceUrl?: string;
  thumbMediaId?: string;
}

export interface Freepublish {
  /** One page of published articles, newest first; `total` counts publishes (article_id). */
  batchget(appid: string, offset: number, count: number): Promise<{ total: number; articles: PublishedArticle[] }>;
  addDraft(appid: string, articles: DraftArticle[]): Promise<string>;
  /** Starts publishing a draft; the outcome arrives later as the PUBLISHJOBFINISH event. */
  submit(appid: string, mediaId: string): Promise<{ publishId: string }>;
  /** How a publish job ended (what PUBLISHJOBFINISH also says): status 0 done, 1 running, 2–6 failed. */
  getPublish(
    appid: string,
    publishId: string,
  ): Promise<{ publishId: string; status: number; articleUrls: string[]; failIdx: number[] }>;
  /** Asks WeChat for a token with these credentials, without touching the shared token cache. */
  checkCredentials(appid: string, secret: string): Promise<void>;
}

export function createFreepublish(tokens: TokenManager, transport: Transport, base: () => string): Freepublish {
  const post = <T>(appid: string, path: string, body: unknown) =>
    tokens.withToken(appid, (token) =>
      transport.json<T>(`${base()}${path}?access_token=${encodeURIComponent(token)}`, body),
    );
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  return {
    async batchget(appid, offset, count) {
      const r = await post<{ total_count?: unknown; item?: unknown }>(appid, '/cgi-bin/freepublish/batchget', {
        offset,
        count,
        no_content: 1,
      });
      if (typeof r.total_count !== 'number' || !Array.isArray(r.item))
        throw new WechatError(-1, 'system busy (batchget answer without item)');
      const articles = (r.item as Array<Record<string, any>>).map((it) => ({
        articleId: str(it.article_id),
        createTime: Number(it.content?.create_time ?? it.update_time ?? 0),
        updateTime: Number(it.update_time ?? it.content?.update_time ?? 0),
        items: (Array.isArray(it.content?.news_item) ? it.content.news_item : []).map((n: Record<string, unknown>) => ({
          title: str(n.title),
          author: str(n.author),
          digest: str(n.digest),
          url: str(n.url),
          thumbUrl: str(n.thumb_url),
          isDeleted: n.is_deleted === true,
        })),
      }));
      return { total: r.total_count, articles: articles.filter((a) => a.articleId) };
    },

    async addDraft(appid, articles) {
      const r = await post<{ media_id?: unknown }>(appid, '/cgi-bin/draft/add', {
        articles: articles.map((a) => ({
          title: a.title,
          author: a.author ?? '',
          digest: a.digest ?? '',
          content: a.content,
          content_source_url: a.contentSourceUrl ?? '',
          ...(a.thumbMediaId ? { thumb_media_id: a.thumbMediaId } : {}),
          need_open_comment: 0,
          only_fans_can_comment: 0,
        })),
      });
      if (typeof r.media_id !== 'string') throw new WechatError(-1, 'system busy (draft answer without media_id)');
      return r.media_id;
    },

    async submit(appid, mediaId) {
      const r = await post<{ publish_id?: unknown }>(appid, '/cgi-bin/freepublish/submit', { media_id: mediaId });
      if (r.publish_id === undefined || r.publish_id === null)
        throw new WechatError(-1, 'system busy (submit answer without publish_id)');
      return { publishId: String(r.publish_id) };
    },

    async getPublish(appid, publishId) {
      const r = await post<{
        publish_status?: unknown;
        article_detail?: { item?: Array<{ article_url?: unknown }> };
        fail_idx?: unknown;
      }>(appid, '/cgi-bin/freepublish/get', { publish_id: publishId });
      if (typeof r.publish_status !== 'number')
        throw new WechatError(-1, 'system busy (answer without publish_status)');
      return {
        publishId,
        status: r.publish_status,
        articleUrls: (r.article_detail?.item ?? []).map((i) => str(i.article_url)).filter(Boolean),
        failIdx: Array.isArray(r.fail_idx) ? r.fail_idx.map(Number) : [],
      };
    },

    async checkCredentials(appid, secret) {
      const r = await transport.json<{ access_token?: unknown }>(`${base()}/cgi-bin/stable_token`, {
        grant_type: 'client_credential',
        appid,
        secret,
      });
      if (typeof r.access_token !== 'string')
        throw new WechatError(-1, 'system busy (token answer without access_token)');
    },
  };
}
