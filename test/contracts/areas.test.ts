import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { areaEntryPage, LIVE_AREA_KEYS, SERVICE_AREAS, type SearchView, type SiteView } from '@minzheng/contracts';
import { startServer, type TestServer } from '../support/server';

/**
 * Which service areas are live has one source: `SERVICE_AREAS[].live` in @minzheng/contracts.
 * The server's /api/site and /api/search, and the mini-program's home grid, 办事 list and each
 * area's entry page must agree with it: an area live in one place and not in another fails here.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const MINI = path.join(ROOT, 'miniprogram', 'src');
const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('One source of the live service areas (@minzheng/contracts)', function () {
  this.timeout(120_000);
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s?.close());

  it('an area’s entry page is its real page when live, the 「即将上线」 page (with its hall items) when not', () => {
    for (const area of SERVICE_AREAS) {
      const page = path.join(MINI, `${areaEntryPage(area.key)}.tsx`);
      assert.ok(fs.existsSync(page), page);
      const comingSoon = /<ComingSoon\b/.test(read(page));
      assert.equal(
        comingSoon,
        !area.live,
        area.live
          ? `${area.name} is live in contracts but its page is still 「即将上线」`
          : `${area.name} has a real page but is not live in contracts/src/areas.ts`,
      );
    }
  });

  it('the mini-program builds its area list from the contracts, not from a list of its own', () => {
    const constants = read(path.join(MINI, 'constants', 'areas.ts'));
    assert.match(constants, /SERVICE_AREAS\.map\(/);
    assert.match(constants, /live: a\.live/);
    // No page, component or hook names which areas are live by hand.
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, f.name);
        if (f.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(f.name) && /\.available\b|available:\s*(true|false)/.test(read(full))) {
          if (!/packages\/halls\//.test(full)) offenders.push(path.relative(MINI, full));
        }
      }
    };
    walk(path.join(MINI, 'pages'));
    walk(path.join(MINI, 'components'));
    walk(path.join(MINI, 'hooks'));
    assert.deepEqual(offenders, [], 'these read availability from somewhere other than the contracts');
  });

  it('the server’s 首页 header says exactly the contracts’ live areas are available', async () => {
    const site = (await (await fetch(`${s.url}/api/site`)).json()) as SiteView;
    assert.deepEqual(
      site.areas.filter((a) => a.available).map((a) => a.key),
      [...LIVE_AREA_KEYS],
    );
    assert.deepEqual(
      site.areas.map((a) => a.key),
      SERVICE_AREAS.map((a) => a.key),
    );
    const app = read(path.join(ROOT, 'server', 'src', 'app.ts'));
    assert.match(app, /createSite\(platform\)/, 'app.ts passes its own list of live areas again');
  });

  it('the search opens each area at its entry page and tells the areas not yet online apart', async () => {
    for (const area of SERVICE_AREAS) {
      const view = (await (await fetch(`${s.url}/api/search?q=${encodeURIComponent(area.name)}`)).json()) as SearchView;
      const hit = view.groups.find((g) => g.kind === 'area')?.items.find((a) => a.id === area.key);
      assert.ok(hit, area.name);
      assert.equal(hit.page, `/${areaEntryPage(area.key)}`);
      assert.equal(/即将上线/.test(hit.summary), !area.live, hit.summary);
    }
  });

  it('every catalogue item belongs to one of the ten areas', async () => {
    const { items } = (await (await fetch(`${s.url}/api/services`)).json()) as { items: { area: string }[] };
    const keys = new Set<string>(SERVICE_AREAS.map((a) => a.key));
    for (const item of items) assert.ok(keys.has(item.area), item.area);
    for (const area of SERVICE_AREAS)
      assert.ok(
        items.some((i) => i.area === area.key),
        `${area.name} has no items`,
      );
  });
});
