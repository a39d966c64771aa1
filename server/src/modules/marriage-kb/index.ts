import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { parse } from '../../platform/validation';
import { ENTRIES, type KnowledgeEntry } from './entries';

export type { KnowledgeEntry } from './entries';

const summary = (e: KnowledgeEntry) => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  summary: e.summary,
  serviceCode: e.serviceCode ?? null,
});

/**
 * Keyword search: every term must appear in the title, keywords or text; title and keyword
 * hits rank first. The public account's keyword replies call this too.
 */
export function searchKnowledge(q: string, limit = 20) {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!terms.length) return ENTRIES.slice(0, limit).map(summary);
  return ENTRIES.map((e) => {
    const head = `${e.title} ${e.keywords.join(' ')}`.toLowerCase();
    const all = `${head} ${e.summary} ${e.body}`.toLowerCase();
    if (!terms.every((t) => all.includes(t))) return null;
    return { e, score: terms.filter((t) => head.includes(t)).length };
  })
    .filter((x): x is { e: KnowledgeEntry; score: number } => x !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => summary(x.e));
}

export function getKnowledge(id: string) {
  const e = ENTRIES.find((x) => x.id === id);
  if (!e) throw notFound('未找到该条目');
  return { ...summary(e), body: e.body, keywords: e.keywords };
}

const query = z.object({ q: z.string().trim().max(50, '搜索词最多50个字').optional() });
const idParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, '条目编号无效') });

/** 婚姻知识信息库: articles and FAQ, read-only, in memory. */
export function createMarriageKb() {
  const router = new Router<AppState>({ prefix: '/api/marriage/knowledge' });
  router.get('/', (ctx) => {
    const items = searchKnowledge(parse(query, ctx.query).q ?? '');
    ctx.body = { items, total: items.length };
  });
  router.get('/:id', (ctx) => {
    ctx.body = { entry: getKnowledge(parse(idParam, ctx.params).id) };
  });
  return { api: { searchKnowledge, getKnowledge }, router };
}
