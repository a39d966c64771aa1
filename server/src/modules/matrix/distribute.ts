import { Op } from 'sequelize';
import type { z } from 'zod';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { type Wechat, wechatErrorOf, wechatReason } from '../../wechat';
import { defaultCoverImage, extensionOf, sourceCover, uploadedCover, type CoverImage } from './cover';
import type { MatrixModels } from './index';
import type { DeliveryRow, DistributionRow, MemberRow } from './models';
import type { newDistributionBody } from './schemas';

export type NewDistribution = z.infer<typeof newDistributionBody>;

/** What PUBLISHJOBFINISH (or freepublish/get) says about one publish job. */
export interface PublishOutcome {
  publishId: string;
  /** 0 published, 1 still publishing, 2–6 failed (WeChat's publish_status). */
  status: number;
  articleUrls?: string[];
  failIdx?: number[];
}

const PUBLISH_FAILURES: Record<number, string> = {
  2: '原创声明失败',
  3: '发布失败',
  4: '未通过平台审核',
  5: '发布后已被删除',
  6: '发布后已被平台封禁',
};

/** How long after submitting we ask WeChat ourselves, in case the event never arrives. */
export const PUBLISH_CHECK_DELAY_MS = 5 * 60_000;
const EARLY_RESULT_TTL_MS = 24 * 3600_000;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Distribution: an editor hands one article to chosen members. Each member gets its own
 * delivery (a draft, then a publish job), worked by the queue one member at a time, so a
 * member's failure is that member's alone; the outcome arrives as PUBLISHJOBFINISH. A retry
 * sends again only to the members whose delivery failed.
 */
export function makeDistribute(
  p: Platform,
  wechat: Wechat,
  { Member, Article, Distribution, Delivery, Cover }: MatrixModels,
) {
  const enqueueDelivery = (delivery: Pick<DeliveryRow, 'id' | 'attempt'>) =>
    p.jobs.enqueue(
      'matrix.deliver',
      { deliveryId: delivery.id, attempt: delivery.attempt },
      { jobId: `matrix-deliver-${delivery.id}-${delivery.attempt}` },
    );

  async function membersInScope(actor: StaffPrincipal, ids: number[]): Promise<MemberRow[]> {
    const unique = [...new Set(ids)];
    const rows = await Member.findAll({ where: { id: unique } });
    const visible = rows.filter((m) => coversDivision(actor, m.division_code));
    if (visible.length !== unique.length) throw notFound('未找到部分成员账号');
    const inactive = visible.filter((m) => !m.active);
    if (inactive.length)
      throw badRequest('MEMBER_INACTIVE', `成员账号已停用：${inactive.map((m) => m.name).join('、')}`);
    return visible;
  }

  async function view(distributionId: number) {
    const distribution = await Distribution.findByPk(distributionId);
    if (!distribution) throw notFound('未找到该分发任务');
    const deliveries = await Delivery.findAll({ where: { distribution_id: distribution.id }, order: [['id', 'ASC']] });
    const names = new Map(
      (
        await Member.findAll({
          where: { id: deliveries.map((x) => x.member_id) },
          attributes: ['id', 'name'],
          raw: true,
        })
      ).map((m) => [m.id, m.name]),
    );
    const counts = { pending: 0, submitted: 0, published: 0, failed: 0 };
    for (const x of deliveries) counts[x.status]++;
    return {
      id: distribution.id,
      title: distribution.title,
      sourceArticleId: distribution.source_article_id,
      createdAt: new Date(distribution.created_at).toISOString(),
      counts,
      deliveries: deliveries.map((x) => ({
        memberId: x.member_id,
        memberName: names.get(x.member_id) ?? null,
        status: x.status,
        attempt: x.attempt,
        articleUrl: x.article_url,
        error: x.error,
        updatedAt: new Date(x.updated_at).toISOString(),
      })),
    };
  }

  async function applyOutcome(
    delivery: DeliveryRow & { update(v: Partial<DeliveryRow>): Promise<unknown> },
    o: PublishOutcome,
  ) {
    if (o.status === 1) return; // still publishing
    if (o.status === 0) {
      if (delivery.status === 'submitted')
        await delivery.update({ status: 'published', article_url: o.articleUrls?.[0] ?? null, error: null });
      return;
    }
    if (delivery.status === 'submitted' || delivery.status === 'published') {
      await delivery.update({
        status: 'failed',
        error: `${PUBLISH_FAILURES[o.status] ?? '发布失败'}（状态 ${o.status}）`,
      });
    }
  }

  /** One member's delivery: draft, then publish job. Runs again harmlessly (a crash, a duplicate job). */
  async function deliver(deliveryId: number, attempt: number) {
    const delivery = await Delivery.findByPk(deliveryId);
    if (!delivery || delivery.status !== 'pending' || delivery.attempt !== attempt) return;
    const [m, dist] = await Promise.all([
      Member.findByPk(delivery.member_id),
      Distribution.findByPk(delivery.distribution_id),
    ]);
    if (!m || !dist) return;
    try {
      let mediaId = delivery.media_id;
      if (!mediaId) {
        const thumbMediaId = delivery.thumb_media_id ?? (await uploadCover(delivery, m.appid, dist.id));
        mediaId = await wechat.freepublish.addDraft(m.appid, [{ ...draftOf(dist), thumbMediaId }]);
        await delivery.update({ media_id: mediaId });
      }
      const { publishId } = await wechat.freepublish.submit(m.appid, mediaId);
      await delivery.update({ status: 'submitted', publish_id: publishId, error: null });
      // The event may have beaten us here.
      const early = await p.cache.get(earlyKey(m.appid, publishId));
      if (early) await applyOutcome(delivery, JSON.parse(early) as PublishOutcome);
    } catch (err) {
      // The member no longer has the cover we uploaded (deleted there): upload it again next time.
      const lostThumb = wechatErrorOf(err)?.condition === 'media-invalid' && !delivery.media_id;
      await delivery.update({
        status: 'failed',
        error: wechatReason(err).slice(0, 255),
        ...(lostThumb ? { thumb_media_id: null } : {}),
      });
      p.logger.warn({ deliveryId: delivery.id, appid: m.appid, err: (err as Error).message }, 'matrix delivery failed');
    }
  }

  /** The cover, uploaded to this member once; its media_id is remembered for retries. */
  async function uploadCover(
    delivery: DeliveryRow & { update(v: Partial<DeliveryRow>): Promise<unknown> },
    appid: string,
    distributionId: number,
  ) {
    const row = await Cover.findByPk(distributionId);
    // Distributions from before covers were kept get the shipped one.
    const cover = row ? { mime: row.mime, data: Buffer.from(row.data) } : defaultCoverImage();
    const { mediaId } = await wechat.material.addImage(
      appid,
      cover.data,
      `cover-${distributionId}.${extensionOf(cover.mime)}`,
      cover.mime,
    );
    await delivery.update({ thumb_media_id: mediaId });
    return mediaId;
  }

  const earlyKey = (appid: string, publishId: string) => `matrix:publish-result:${appid}:${publishId}`;

  return {
    deliver,

    async create(actor: StaffPrincipal, input: NewDistribution) {
      const members = await membersInScope(actor, input.memberIds);
      let cover: CoverImage;
      let article: {
        title: string;
        author?: string;
        digest?: string;
        content: string;
        sourceUrl?: string;
        sourceArticleId?: number;
      };
      if (input.articleId !== undefined) {
        const a = await Article.findByPk(input.articleId);
        if (!a || a.deleted_at) throw notFound('未找到该文章');
        const source = await Member.findByPk(a.member_id);
        // WeChat offers no reprint: the members publish a summary that links to the original.
        article = {
          title: [...a.title].slice(0, 64).join(''),
          author: a.author ? [...a.author].slice(0, 16).join('') : undefined,
          digest: a.digest ? [...a.digest].slice(0, 120).join('') : undefined,
          content: `<p>${escapeHtml(a.digest ?? a.title)}</p><p>来源：${escapeHtml(source?.name ?? '')}</p>`,
          sourceUrl: a.url,
          sourceArticleId: a.id,
        };
        cover = await sourceCover(p, a.cover_url);
      } else {
        article = input.article!;
        cover = input.article!.cover ? uploadedCover(input.article!.cover) : defaultCoverImage();
      }
      const dist = await p.db.transaction(async (transaction) => {
        const created = await Distribution.create(
          {
            source_article_id: article.sourceArticleId ?? null,
            title: article.title,
            author: article.author ?? null,
            digest: article.digest ?? null,
            content: article.content,
            source_url: article.sourceUrl ?? null,
            created_by: actor.id,
          },
          { transaction },
        );
        await Cover.create(
          {
            distribution_id: created.id,
            origin: cover.origin,
            mime: cover.mime,
            size: cover.data.length,
            data: cover.data,
          },
          { transaction },
        );
        await Delivery.bulkCreate(
          members.map((m) => ({
            distribution_id: created.id,
            member_id: m.id,
            status: 'pending' as const,
            attempt: 1,
          })),
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: actor.id },
            action: 'matrix.distribute',
            target: { type: 'matrix_distribution', id: created.id },
            detail: { members: members.map((m) => m.id) },
          },
          transaction,
        );
        return created;
      });
      for (const delivery of await Delivery.findAll({ where: { distribution_id: dist.id } }))
        await enqueueDelivery(delivery);
      return view(dist.id);
    },

    async get(actor: StaffPrincipal, id: number) {
      await assertVisible(actor, id);
      return view(id);
    },

    async list(actor: StaffPrincipal, page: number, pageSize: number) {
      const { rows, count } = await Distribution.findAndCountAll({
        order: [['id', 'DESC']],
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const items = [];
      for (const delivery of rows) items.push(await view(delivery.id));
      // Staff see a distribution when it went to at least one member they cover.
      const ms = new Map(
        (await Member.findAll({ attributes: ['id', 'division_code'], raw: true })).map((m) => [m.id, m.division_code]),
      );
      return {
        items: items.filter((v) => v.deliveries.some((x) => coversDivision(actor, ms.get(x.memberId) ?? ''))),
        total: count,
      };
    },

    /** Sends again to the members whose delivery failed, and only to them. */
    async retry(actor: StaffPrincipal, id: number) {
      await assertVisible(actor, id);
      const failed = await Delivery.findAll({ where: { distribution_id: id, status: 'failed' } });
      const ms = new Map(
        (await Member.findAll({ where: { id: failed.map((delivery) => delivery.member_id) }, raw: true })).map((m) => [
          m.id,
          m,
        ]),
      );
      const mine = failed.filter(
        (delivery) =>
          ms.get(delivery.member_id)?.active && coversDivision(actor, ms.get(delivery.member_id)!.division_code),
      );
      if (!mine.length) throw conflict('NOTHING_TO_RETRY', '没有发布失败、可以重发的成员账号');
      for (const delivery of mine) {
        // A fresh draft: the failed one may be gone or rejected.
        await delivery.update({
          status: 'pending',
          attempt: delivery.attempt + 1,
          media_id: null,
          publish_id: null,
          article_url: null,
          error: null,
        });
        await enqueueDelivery(delivery);
      }
      await p.audit.record({
        actor: { type: 'staff', id: actor.id },
        action: 'matrix.distribute.retry',
        target: { type: 'matrix_distribution', id },
        detail: { members: mine.map((delivery) => delivery.member_id) },
      });
      return view(id);
    },

    /**
     * PUBLISHJOBFINISH from a member account. Safe to receive twice; an event for a publish we
     * have not recorded yet (it overtook our own write) is kept a day for `deliver` to pick up.
     */
    async handlePublishJobFinish(appid: string, event: PublishOutcome): Promise<'applied' | 'kept' | 'ignored'> {
      const m = await Member.findOne({ where: { appid }, attributes: ['id'] });
      if (!m) return 'ignored';
      const delivery = await Delivery.findOne({ where: { member_id: m.id, publish_id: event.publishId } });
      if (!delivery) {
        await p.cache.set(earlyKey(appid, event.publishId), JSON.stringify(event), EARLY_RESULT_TTL_MS);
        return 'kept';
      }
      await applyOutcome(delivery, event);
      return 'applied';
    },

    /**
     * The fallback when no event came: deliveries submitted a while ago are asked about with
     * freepublish/get (run with each scheduled sync round). One member's error skips that member.
     */
    async checkStalePublishes(olderThanMs = PUBLISH_CHECK_DELAY_MS) {
      const stale = await Delivery.findAll({
        where: { status: 'submitted', updated_at: { [Op.lt]: new Date(p.clock.now() - olderThanMs) } },
        limit: 200,
      });
      let settled = 0;
      for (const delivery of stale) {
        const m = await Member.findByPk(delivery.member_id);
        if (!m || !delivery.publish_id) continue;
        try {
          const before = delivery.status;
          await applyOutcome(delivery, await wechat.freepublish.getPublish(m.appid, delivery.publish_id));
          if (delivery.status !== before) settled++;
        } catch (err) {
          p.logger.warn({ deliveryId: delivery.id, err: (err as Error).message }, 'matrix publish check failed');
        }
      }
      return settled;
    },
  };

  async function assertVisible(actor: StaffPrincipal, id: number) {
    const ds = await Delivery.findAll({ where: { distribution_id: id }, attributes: ['member_id'], raw: true });
    const ms = await Member.findAll({
      where: { id: ds.map((delivery) => delivery.member_id) },
      attributes: ['division_code'],
      raw: true,
    });
    if (!ds.length || !ms.some((m) => coversDivision(actor, m.division_code))) throw notFound('未找到该分发任务');
  }
}

function draftOf(distribution: DistributionRow) {
  return {
    title: distribution.title,
    author: distribution.author ?? undefined,
    digest: distribution.digest ?? undefined,
    content: distribution.content,
    contentSourceUrl: distribution.source_url ?? undefined,
  };
}
