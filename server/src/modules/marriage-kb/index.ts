import Router from '@koa/router';
import type { AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { parse } from '../../platform/validation';
import { ENTRIES, type KnowledgeEntry } from './entries';
import { knowledgeQuery, knowledgeIdParam } from './schemas';
import { pageLink } from '@minzheng/contracts';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

export type { KnowledgeEntry } from './entries';

const summary = (e: KnowledgeEntry) => ({
  id: e.id,
  kind: e.kind,
  title: e.title,
  summary: e.summary,
  serviceCode: e.serviceCode ?? null,
});

/**
 * Keyword search, for the search box and for the public account's keyword replies alike. An
 * entry matches when every term appears in its title, keywords or text, or when the query —
 * a sentence in a person's words, 「结婚证丢了怎么办」 — holds one of its keywords. Entries
 * holding every term rank first (title and keyword hits before text hits), then by the
 * longest keyword the query holds.
 */
export function searchKnowledge(query: string, limit = 20) {
  const text = query.toLowerCase();
  const terms = text.split(/\s+/).filter(Boolean).slice(0, 5);
  if (!terms.length) return ENTRIES.slice(0, limit).map(summary);
  return ENTRIES.map((entry) => {
    const head = `${entry.title} ${entry.keywords.join(' ')}`.toLowerCase();
    const all = `${head} ${entry.summary} ${entry.body}`.toLowerCase();
    const everyTerm = terms.every((term) => all.includes(term));
    const heldKeyword = Math.max(
      0,
      ...entry.keywords.filter((k) => text.includes(k.toLowerCase())).map((k) => k.length),
    );
    if (!everyTerm && !heldKeyword) return null;
    const headHits = terms.filter((term) => head.includes(term)).length;
    return { entry, score: (everyTerm ? 1000 + headHits * 100 : 0) + heldKeyword };
  })
    .filter((match): match is { entry: KnowledgeEntry; score: number } => match !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((match) => summary(match.entry));
}

/** Where the mini-program shows one entry. */
export const knowledgePage = (id: string) => pageLink('knowledge', { id }).slice(1);

export function getKnowledge(id: string) {
  const e = ENTRIES.find((x) => x.id === id);
  if (!e) throw notFound('未找到该条目');
  return { ...summary(e), body: e.body, keywords: e.keywords };
}

/** 婚姻知识信息库: articles and FAQ, read-only, in memory. */
export function createMarriageKb() {
  const router = new Router<AppState>({ prefix: '/api/marriage/knowledge' });
  router.get('/', (ctx) => {
    const items = searchKnowledge(parse(knowledgeQuery, ctx.query).q ?? '');
    ctx.body = { items, total: items.length };
  });
  router.get('/:id', (ctx) => {
    ctx.body = { entry: getKnowledge(parse(knowledgeIdParam, ctx.params).id) };
  });
  return { api: { searchKnowledge, getKnowledge, knowledgePage }, router };
}

export type MarriageKbApi = ReturnType<typeof createMarriageKb>['api'];
