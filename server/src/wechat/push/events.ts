/**
 * Pushed events whose content is nested XML, read into plain values here so that no module
 * reads WeChat's XML itself.
 */
import type { WechatXml } from './xml';

/** PUBLISHJOBFINISH: how a freepublish job ended (the same as freepublish/get answers). */
export interface PublishJobFinish {
  publishId: string;
  /** 0 published, 1 still publishing, 2–6 failed (WeChat's publish_status). */
  status: number;
  articleUrls: string[];
  failIdx: number[];
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
const element = (v: unknown): WechatXml | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as WechatXml) : undefined;

/**
 * `<PublishEventInfo><publish_id/><publish_status/><article_id/><article_detail><count/>
 * <item><idx/><article_url/></item>…</article_detail><fail_idx/>…</PublishEventInfo>`;
 * null when it is not a well-formed report.
 */
export function publishJobFinishOf(xml: WechatXml): PublishJobFinish | null {
  const info = element(xml.PublishEventInfo);
  if (!info) return null;
  const publishId = text(info.publish_id);
  const status = Number(text(info.publish_status));
  if (!publishId || !/^\d{1,20}$/.test(publishId) || !Number.isInteger(status)) return null;
  const detail = element(info.article_detail);
  const articleUrls = list(detail?.item)
    .map((item) => text(element(item)?.article_url))
    .filter((url): url is string => Boolean(url));
  const failIdx = list(info.fail_idx)
    .map((v) => Number(text(v)))
    .filter(Number.isInteger);
  return { publishId, status, articleUrls, failIdx };
}

/** How a template message ended, from TEMPLATESENDJOBFINISH's Status. */
export type TemplateSendResult = 'delivered' | 'user-blocked' | 'failed';

/** `success`, `failed:user block` (the user refuses the account's messages), `failed: system failed`. */
export function templateSendResultOf(status: string): TemplateSendResult {
  if (status === 'success') return 'delivered';
  return status.includes('block') ? 'user-blocked' : 'failed';
}
