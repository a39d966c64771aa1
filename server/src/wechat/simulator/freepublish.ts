/**
 * Publishing (free publish) for public accounts: what each account published, drafts turned
 * into publish jobs, and the PUBLISHJOBFINISH event pushed back to the account's server.
 * Per-account data lives beside the shared SimulatorState (keyed by it), so other areas never
 * see it. Dev helpers add and delete articles, choose a publish outcome, revoke tokens and say
 * where events go.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router } from '@koa/router';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import { mpStateOf, type PushTarget as MpPushTarget } from './mp-state';
import { pushXml } from './push';
import type { SimulatorState, TokenRecord } from './state';

export interface SimNewsItem {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  thumb_url: string;
  url: string;
  is_deleted: boolean;
}

interface SimPublish {
  article_id: string;
  create_time: number;
  update_time: number;
  items: SimNewsItem[];
}
export interface SimDraft {
  media_id: string;
  appid: string;
  items: SimNewsItem[];
  update_time: number;
}
interface PublishJob {
  publish_id: string;
  appid: string;
  status: number;
  article_id?: string;
  urls: string[];
  fail_idx: number[];
}
/** An account's 服务器配置: URL (with `{appid}` for one URL serving many), Token, EncodingAESKey, mode. */
type PushTarget = Omit<MpPushTarget, 'appid' | 'finishDelayMs'>;

/** Everything publishing remembers, per simulator. */
export class PublishingStore {
  /** appid → publishes, kept newest first. */
  readonly published = new Map<string, SimPublish[]>();
  readonly drafts = new Map<string, SimDraft>();
  readonly jobs = new Map<string, PublishJob>();
  /** appid → forced outcome of its next `times` submissions (publish_status, e.g. 3 = failed). */
  readonly outcomes = new Map<string, { status: number; times: number }>();
  /** appid (or '*') → where its events are pushed. */
  readonly pushTargets = new Map<string, PushTarget>();
  readonly pushLog: Array<{ appid: string; publishId: string; status: number | string }> = [];
  private seq = 0;
  private publishSeq = 2_247_483_000;

  constructor(readonly state: SimulatorState) {}

  nowSeconds(): number {
    return Math.floor(this.state.now() / 1000);
  }

  list(appid: string): SimPublish[] {
    let l = this.published.get(appid);
    if (!l) this.published.set(appid, (l = []));
    return l;
  }

  /** Publishes new articles; update times strictly increase per account so order is stable. */
  publish(appid: string, items: SimNewsItem[]): SimPublish {
    const l = this.list(appid);
    const t = Math.max(this.nowSeconds(), (l[0]?.update_time ?? 0) + 1);
    const published: SimPublish = { article_id: mint(33), create_time: t, update_time: t, items };
    l.unshift(published);
    return published;
  }

  newsItem(appid: string, a: Partial<SimNewsItem> & { title: string }): SimNewsItem {
    const n = ++this.seq;
    return {
      title: a.title,
      author: a.author ?? '',
      digest: a.digest ?? '',
      content: a.content ?? `<p>${a.title}</p>`,
      content_source_url: a.content_source_url ?? '',
      thumb_media_id: a.thumb_media_id ?? '',
      thumb_url: a.thumb_url || `https://mmbiz.qpic.cn/sim/${appid}/${n}/0?wx_fmt=jpeg`,
      url: `https://mp.weixin.qq.com/s/${mint(16)}`,
      is_deleted: false,
    };
  }

  nextPublishId(): string {
    return String(++this.publishSeq);
  }

  reset(): void {
    for (const m of [this.published, this.drafts, this.jobs, this.outcomes, this.pushTargets]) m.clear();
    this.pushLog.length = 0;
  }
}

const stores = new WeakMap<SimulatorState, PublishingStore>();
export function publishingOf(state: SimulatorState): PublishingStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new PublishingStore(state)));
  return s;
}

/** The account's original id (gh_…), what WeChat puts in ToUserName of its pushes. */
export const originalIdOf = (appid: string) => `gh_${createHash('sha1').update(appid).digest('hex').slice(0, 12)}`;

const mint = (bytes: number) => randomBytes(bytes).toString('base64url');
const int = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function freepublishRoutes(state: SimulatorState): Router {
  const store = publishingOf(state);
  const router = new Router();
  const mp = requireToken(state, 'mp');
  const appidOf = (ctx: { state: Record<string, unknown> }) => (ctx.state.wxToken as TokenRecord).appid;

  router.post('/cgi-bin/freepublish/batchget', mp, async (ctx) => {
    const { offset, count, no_content } = await readJson(ctx);
    if (!int(offset, 0, 1_000_000) || !int(count, 1, 20)) throw new SimError(40097);
    const all = store.list(appidOf(ctx));
    const page = all.slice(offset as number, (offset as number) + (count as number));
    ctx.body = {
      total_count: all.length,
      item_count: page.length,
      item: page.map((published) => ({
        article_id: published.article_id,
        content: {
          news_item: published.items.map(({ content, ...rest }) => (no_content === 1 ? rest : { ...rest, content })),
          create_time: published.create_time,
          update_time: published.update_time,
        },
        update_time: published.update_time,
      })),
    };
  });

  router.post('/cgi-bin/freepublish/submit', mp, async (ctx) => {
    const { media_id } = await readJson(ctx);
    const appid = appidOf(ctx);
    const draft = typeof media_id === 'string' ? store.drafts.get(media_id) : undefined;
    if (!draft || draft.appid !== appid) throw new SimError(40007, 'invalid media_id');
    store.drafts.delete(draft.media_id); // a submitted draft leaves the draft box
    const job: PublishJob = { publish_id: store.nextPublishId(), appid, status: 1, urls: [], fail_idx: [] };
    store.jobs.set(job.publish_id, job);
    const forced = store.outcomes.get(appid);
    if (forced && forced.times-- > 0) {
      job.status = forced.status;
      job.fail_idx = draft.items.map((_, i) => i + 1);
      if (forced.times <= 0) store.outcomes.delete(appid);
    } else {
      const published = store.publish(
        appid,
        draft.items.map((i) => ({ ...i, url: `https://mp.weixin.qq.com/s/${mint(16)}` })),
      );
      job.status = 0;
      job.article_id = published.article_id;
      job.urls = published.items.map((i) => i.url);
    }
    // Publishing takes a while in WeChat: the answer comes first, the event after.
    setTimeout(() => void pushFinish(store, job), 20).unref();
    ctx.body = { errcode: 0, errmsg: 'ok', publish_id: job.publish_id, msg_data_id: job.publish_id };
  });

  router.post('/cgi-bin/freepublish/get', mp, async (ctx) => {
    const { publish_id } = await readJson(ctx);
    const job = store.jobs.get(String(publish_id));
    if (!job || job.appid !== appidOf(ctx)) throw new SimError(40097, 'invalid publish_id');
    ctx.body = publishInfo(job);
  });

  router.post('/cgi-bin/freepublish/delete', mp, async (ctx) => {
    const { article_id, index } = await readJson(ctx);
    deleteArticle(store, appidOf(ctx), article_id, index);
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  // --- dev helpers -------------------------------------------------------------------------
  const bad = (what: string) => new SimError(40097, `invalid args: ${what}`, 400);
  const appidArg = (v: unknown) => {
    if (typeof v !== 'string' || !/^wx[0-9a-zA-Z]{8,30}$/.test(v)) throw bad('appid');
    return v;
  };

  // Publishes articles on an account: `articles` as given, or `count` generated ones.
  router.post('/dev/freepublish/articles', async (ctx) => {
    const b = await readJson(ctx);
    const appid = appidArg(b.appid);
    const given = Array.isArray(b.articles) ? (b.articles as Array<Record<string, unknown>>) : undefined;
    const count = given ? given.length : b.count;
    if (!int(count, 1, 100_000)) throw bad('count or articles');
    const ids: string[] = [];
    for (let i = 0; i < (count as number); i++) {
      const a = given?.[i] ?? {
        title: `${typeof b.titlePrefix === 'string' ? b.titlePrefix : '社会组织动态'} 第${store.list(appid).length + 1}期`,
      };
      if (typeof a.title !== 'string' || !a.title) throw bad('title');
      const item = store.newsItem(appid, {
        title: a.title,
        author: typeof a.author === 'string' ? a.author : undefined,
        digest: typeof a.digest === 'string' ? a.digest : undefined,
        thumb_url: typeof a.thumbUrl === 'string' ? a.thumbUrl : undefined,
      });
      ids.push(store.publish(appid, [item]).article_id);
    }
    ctx.body = { articleIds: ids, total: store.list(appid).length };
  });

  router.get('/dev/freepublish/articles', (ctx) => {
    const appid = appidArg(ctx.query.appid);
    ctx.body = { items: store.list(appid), originalId: originalIdOf(appid) };
  });

  router.post('/dev/freepublish/delete', async (ctx) => {
    const b = await readJson(ctx);
    deleteArticle(store, appidArg(b.appid), b.article_id, b.index);
    ctx.body = { ok: true };
  });

  // The next `times` submissions of this account end with publish_status `status` (2–6 = failure).
  router.post('/dev/freepublish/outcome', async (ctx) => {
    const b = await readJson(ctx);
    if (!int(b.status, 0, 6)) throw bad('status');
    store.outcomes.set(appidArg(b.appid), {
      status: b.status as number,
      times: int(b.times, 1, 1000) ? (b.times as number) : 1,
    });
    ctx.body = { ok: true };
  });

  // Where an account's events go (its 服务器配置); appid omitted = every account. Token,
  // EncodingAESKey and mode default to the public account's (members are configured with ours).
  router.post('/dev/freepublish/push-target', async (ctx) => {
    const b = await readJson(ctx);
    const ours = mpStateOf(state).target();
    if (typeof b.url !== 'string' || !/^https?:\/\/\S+$/.test(b.url)) throw bad('url');
    state.pushUrl(b.url.replace('{appid}', 'wx0000000000'));
    const token = b.token ?? ours?.token;
    if (typeof token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(token)) throw bad('token');
    const mode = b.mode ?? ours?.mode ?? 'safe';
    if (mode !== 'plain' && mode !== 'compatible' && mode !== 'safe') throw bad('mode');
    const aesKey = b.aesKey ?? ours?.aesKey ?? '';
    if (mode !== 'plain' && (typeof aesKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(aesKey))) throw bad('aesKey');
    store.pushTargets.set(b.appid === undefined ? '*' : appidArg(b.appid), {
      url: b.url,
      token,
      aesKey: String(aesKey),
      mode,
    });
    ctx.body = { ok: true, mode };
  });

  router.get('/dev/freepublish/pushes', (ctx) => {
    ctx.body = { items: store.pushLog };
  });

  router.get('/dev/freepublish/drafts', (ctx) => {
    const appid = appidArg(ctx.query.appid);
    ctx.body = { items: [...store.drafts.values()].filter((d) => d.appid === appid) };
  });

  // Makes every live token of an account stale: its next call answers 40001, as after a
  // refresh done elsewhere.
  router.post('/dev/revoke-tokens', async (ctx) => {
    const appid = appidArg((await readJson(ctx)).appid);
    const now = state.now();
    let revoked = 0;
    for (const rec of state.tokens.values()) {
      if (rec.appid === appid && rec.revokedAt === undefined && rec.expiresAt > now) {
        rec.revokedAt = now;
        revoked++;
      }
    }
    ctx.body = { revoked };
  });

  router.post('/dev/freepublish/reset', (ctx) => {
    store.reset();
    ctx.body = { ok: true };
  });

  return router;
}

function deleteArticle(store: PublishingStore, appid: string, articleId: unknown, index: unknown): void {
  const l = store.list(appid);
  const at = l.findIndex((entry) => entry.article_id === articleId);
  if (at < 0) throw new SimError(40097, 'invalid article_id');
  if (index === undefined || index === null || index === 0) {
    l.splice(at, 1);
    return;
  }
  const item = l[at].items[Number(index) - 1];
  if (!item) throw new SimError(40097, 'invalid index');
  item.is_deleted = true;
  // An edited publish gets a new update_time and, listed by update_time, moves to the front.
  const [edited] = l.splice(at, 1);
  edited.update_time = Math.max(store.nowSeconds(), (l[0]?.update_time ?? 0) + 1);
  l.unshift(edited);
}

function publishInfo(job: PublishJob) {
  return {
    publish_id: job.publish_id,
    publish_status: job.status,
    ...(job.article_id
      ? {
          article_id: job.article_id,
          article_detail: { count: job.urls.length, item: job.urls.map((u, i) => ({ idx: i + 1, article_url: u })) },
        }
      : {}),
    fail_idx: job.fail_idx,
  };
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** PUBLISHJOBFINISH as WeChat writes it (before any encryption). */
export function publishJobFinishXml(
  originalId: string,
  createTime: number,
  job: { publish_id: string; status: number; article_id?: string; urls: string[]; fail_idx: number[] },
): string {
  const detail = job.article_id
    ? `<article_id>${cdata(job.article_id)}</article_id><article_detail><count>${job.urls.length}</count>${job.urls.map((u, i) => `<item><idx>${i + 1}</idx><article_url>${cdata(u)}</article_url></item>`).join('')}</article_detail>`
    : '';
  const fails = job.fail_idx.map((i) => `<fail_idx>${i}</fail_idx>`).join('');
  return (
    `<xml><ToUserName>${cdata(originalId)}</ToUserName><FromUserName>${cdata('mphelper')}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('PUBLISHJOBFINISH')}</Event>` +
    `<PublishEventInfo><publish_id>${job.publish_id}</publish_id><publish_status>${job.status}</publish_status>${detail}${fails}</PublishEventInfo></xml>`
  );
}

async function pushFinish(store: PublishingStore, job: PublishJob): Promise<void> {
  const target = store.pushTargets.get(job.appid) ?? store.pushTargets.get('*');
  if (!target) return; // no server configured: the result is only available via freepublish/get
  // One URL for every account (/wechat/matrix/{appid}); encrypted, in safe mode, for that account.
  const url = target.url.replace('{appid}', job.appid);
  if (!store.state.allowPushTo(new URL(url))) return;
  const xml = publishJobFinishXml(originalIdOf(job.appid), store.nowSeconds(), job);
  const now = () => store.state.now();
  // WeChat tries three times when the server does not answer in time.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await pushXml({ ...target, url, appid: job.appid }, xml, now);
      store.pushLog.push({ appid: job.appid, publishId: job.publish_id, status: res.status });
      if (res.status < 500) return;
    } catch (err) {
      store.pushLog.push({ appid: job.appid, publishId: job.publish_id, status: (err as Error).name });
    }
  }
}
