import { createMemo } from '../../platform/cache';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { MarriageKbApi } from '../marriage-kb';
import type { MpModels } from './index';
import type { ReplyRow } from './models';

export interface ReplyInput {
  keywords: string[];
  question: string;
  answer: string;
  enabled?: boolean;
}

const view = (r: ReplyRow) => ({
  id: r.id,
  keywords: r.keywords.split(',').filter(Boolean),
  question: r.question,
  answer: r.answer,
  enabled: Boolean(r.enabled),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Staff edits show at once in the process that made them, within this time in the others. */
const CACHE_MS = 10_000;

/**
 * Keyword auto-replies. First the answers staff keep (hall hours, the hotline…): the longest
 * keyword found in the message wins. Then the marriage knowledge base's own search: its best
 * entry, with a link to the whole of it in the mini-program. Nothing found → a pointer into
 * the mini-program and the hotline.
 */
export function makeReplies(p: Platform, { Reply }: MpModels, knowledge: MarriageKbApi) {
  const loaded = createMemo<ReplyRow[]>(CACHE_MS, 1);
  const enabledRows = () => loaded.get('enabled', () => Reply.findAll({ where: { enabled: true } }));
  const audit = (staff: StaffPrincipal, action: string, id: number) =>
    p.audit.record({ actor: { type: 'staff', id: staff.id }, action, target: { type: 'mp_reply', id } });
  const normalize = (k: string[]) => [...new Set(k.map((x) => x.trim().toLowerCase()).filter(Boolean))].join(',');

  return {
    async answer(content: string): Promise<string> {
      const text = content.trim().toLowerCase();
      let best: { len: number; row: ReplyRow } | undefined;
      for (const row of await enabledRows()) {
        for (const k of row.keywords.split(',')) {
          if (k && text.includes(k) && (!best || k.length > best.len)) best = { len: k.length, row };
        }
      }
      if (best) return best.row.answer;
      const [entry] = knowledge.searchKnowledge(content.trim().slice(0, 50), 1);
      if (entry) return knowledgeReply(p, entry, knowledge.knowledgePage(entry.id));
      return fallback(p);
    },
    fallback: () => fallback(p),
    /** The FAQ menu button: the questions staff keep, to pick a keyword from. */
    async faq(): Promise<string> {
      const rows = (await enabledRows()).slice(0, 10);
      if (!rows.length) return fallback(p);
      return `常见问题（回复关键词获取答复）：\n${rows.map((r, i) => `${i + 1}. ${r.question}（${r.keywords.split(',')[0]}）`).join('\n')}`;
    },
    async list() {
      return { items: (await Reply.findAll({ order: [['id', 'ASC']] })).map(view) };
    },
    async create(staff: StaffPrincipal, input: ReplyInput) {
      const row = await Reply.create({
        keywords: normalize(input.keywords),
        question: input.question,
        answer: input.answer,
        enabled: input.enabled ?? true,
        updated_by: staff.id,
      });
      await audit(staff, 'mp.reply.create', row.id);
      loaded.forget();
      return { reply: view(row) };
    },
    async update(staff: StaffPrincipal, id: number, input: Partial<ReplyInput>) {
      const row = await Reply.findByPk(id);
      if (!row) throw notFound('未找到该问答');
      await row.update({
        ...(input.keywords ? { keywords: normalize(input.keywords) } : {}),
        ...(input.question !== undefined ? { question: input.question } : {}),
        ...(input.answer !== undefined ? { answer: input.answer } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updated_by: staff.id,
      });
      await audit(staff, 'mp.reply.update', id);
      loaded.forget();
      return { reply: view(row) };
    },
    async remove(staff: StaffPrincipal, id: number) {
      const n = await Reply.destroy({ where: { id } });
      if (!n) throw notFound('未找到该问答');
      await audit(staff, 'mp.reply.delete', id);
      loaded.forget();
      return { ok: true };
    },
  };
}

function knowledgeReply(p: Platform, entry: { title: string; summary: string }, page: string): string {
  const { mini } = p.config.wechat;
  return `${entry.title}\n${entry.summary}\n<a data-miniprogram-appid="${mini.appid}" data-miniprogram-path="${page}" href="https://mp.weixin.qq.com">在「民政服务」小程序查看全文</a>`;
}

function fallback(p: Platform): string {
  const { mini } = p.config.wechat;
  return `暂未找到相关答复。您可以<a data-miniprogram-appid="${mini.appid}" data-miniprogram-path="pages/services/index" href="https://mp.weixin.qq.com">进入「民政服务」小程序</a>查询办理，或拨打服务热线 ${p.config.hotline.default}。`;
}
