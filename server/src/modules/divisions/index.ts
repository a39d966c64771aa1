import Router from '@koa/router';
import { areaList } from '@vant/area-data';
import type { AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { parse } from '../../platform/validation';
import { divisionsQuery } from './schemas';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/**
 * Administrative divisions (GB/T 2260), three levels, from @vant/area-data. Read-only and
 * small (~3,800 entries), so it lives in memory: no table, no query.
 */
export interface Division {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent: string | null;
}

const all = new Map<string, Division>();
const children = new Map<string, Division[]>();

function add(code: string, name: string, level: 1 | 2 | 3, parent: string | null) {
  const division = { code, name, level, parent };
  all.set(code, division);
  const key = parent ?? '';
  if (!children.has(key)) children.set(key, []);
  children.get(key)!.push(division);
}
for (const [code, name] of Object.entries(areaList.province_list)) add(code, name, 1, null);
for (const [code, name] of Object.entries(areaList.city_list)) add(code, name, 2, `${code.slice(0, 2)}0000`);
for (const [code, name] of Object.entries(areaList.county_list)) {
  // Counties hang off their city; for municipalities' direct counties the "city" may be absent.
  const city = `${code.slice(0, 4)}00`;
  add(code, name, 3, all.has(city) ? city : `${code.slice(0, 2)}0000`);
}
for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));

export const divisions = {
  get: (code: string) => all.get(code),
  children: (parent: string | null) => children.get(parent ?? '') ?? [],
  /** 440305 → [广东省, 深圳市, 南山区] */
  path(code: string): Division[] {
    const out: Division[] = [];
    for (let division = all.get(code); division; division = division.parent ? all.get(division.parent) : undefined)
      out.unshift(division);
    return out;
  },
  fullName: (code: string) =>
    divisions
      .path(code)
      .map((division) => division.name)
      .join(''),
  all: () => [...all.values()],
};

export function createDivisions() {
  const router = new Router<AppState>();
  router.get('/api/divisions', (ctx) => {
    const { parent } = parse(divisionsQuery, ctx.query);
    if (parent && !all.has(parent)) throw notFound('未找到该行政区划');
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = {
      items: divisions.children(parent ?? null).map((division) => ({
        code: division.code,
        name: division.name,
        level: division.level,
        hasChildren: divisions.children(division.code).length > 0,
      })),
    };
  });
  return { api: divisions, router };
}
