import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SEARCH_KIND_LABELS, SERVICE_AREAS, type SearchView } from '@minzheng/contracts';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall } from '../halls/fixtures';
import type { PlaceInput } from '../../src/modules/elderly';
import { addMember, publish, simAccount, syncNow } from '../matrix/helpers';
import { createOrg, daysAgo } from '../social-orgs/helpers';
import { organization, publishedActivity } from '../volunteer/support';

describe('首页 search: one box finds areas, items with their materials, halls and articles', function () {
  this.timeout(60_000);
  let s: TestServer;
  const tag = randomBytes(3).toString('hex');
  const hallName = `望京街道民政服务大厅${tag}`;

  const search = async (q: string) =>
    (await request(s.url).get('/api/search').query({ q }).expect(200)).body as SearchView;
  const group = (view: SearchView, kind: keyof typeof SEARCH_KIND_LABELS) => view.groups.find((g) => g.kind === kind);

  before(async () => {
    s = await startServer();
    const auth = (await admin(s.url)).auth;
    await createHall(s.url, auth, { name: hallName, address: `北京市朝阳区望京街${tag}号` });
    // An editor enrols a matrix member whose account has published an article about marriage registration.
    await request(s.url)
      .post('/api/staff/accounts')
      .set(auth)
      .send({
        username: `search.editor.${tag}`,
        displayName: '编辑',
        password: 'Correct-horse-42',
        roles: ['editor'],
        scope: { divisions: [''], halls: [] },
      })
      .expect(201);
    const editor = await loginStaff(s.url, `search.editor.${tag}`, 'Correct-horse-42');
    const acc = await simAccount(s.url);
    await addMember(s.url, editor.auth, {
      name: '中国社会组织动态',
      appid: acc.appid,
      secret: acc.secret,
      level: 'national',
      divisionCode: '100000',
      category: '登记管理机关',
      originalId: `gh_${randomBytes(6).toString('hex')}`,
    });
    await publish(s.url, acc.appid, [{ title: `颁证仪式走进社区${tag}`, digest: '结婚登记颁证服务' }]);
    await syncNow(s, editor.auth);
  });
  after(async () => s.close());

  it('「结婚」 finds the marriage area, the registration item and the articles, grouped with Chinese labels', async () => {
    const view = await search('结婚');
    assert.equal(view.q, '结婚');
    const items = group(view, 'item');
    assert.ok(items, JSON.stringify(view));
    assert.equal(items.label, '办事事项');
    assert.equal(items.items[0].title, '内地居民结婚登记');
    assert.equal(items.items[0].page, '/packages/halls/pages/service/index?code=MZ-HY-01');
    assert.match(items.items[0].summary, /婚姻服务/);
    const articles = group(view, 'article');
    assert.ok(articles, 'articles are found');
    assert.equal(articles.label, '政策资讯');
    assert.ok(articles.items.some((a) => a.page.startsWith('/packages/marriage/pages/knowledge/index?id=')));
    // Groups come in one fixed order: areas, items, halls, articles.
    const order = Object.keys(SEARCH_KIND_LABELS);
    const kinds = view.groups.map((g) => order.indexOf(g.kind));
    assert.deepEqual(
      kinds,
      [...kinds].sort((a, b) => a - b),
    );
    assert.equal(
      view.total,
      view.groups.reduce((n, g) => n + g.items.length, 0),
    );
  });

  it('finds the matrix feed’s articles by their words, opening them in the article page', async () => {
    const articles = group(await search(`颁证仪式走进社区${tag}`), 'article');
    const hit = articles?.items.find((a) => a.title === `颁证仪式走进社区${tag}`);
    assert.ok(hit, JSON.stringify(articles));
    assert.match(hit.page, /^\/packages\/social-orgs\/pages\/web-view\/index\?url=https?%3A/);
  });

  it('finds an item by one of its materials and says which material matched', async () => {
    const items = group(await search('户口簿'), 'item');
    assert.ok(items, 'an item asks for the 户口簿');
    const dibao = items.items.find((i) => i.title === '最低生活保障申请');
    assert.deepEqual(dibao?.materials, ['户口簿'], JSON.stringify(items));
    // An item found by its name carries no materials list.
    assert.equal(group(await search('结婚'), 'item')?.items[0].materials, undefined);
  });

  it('finds a hall by its name and by its address', async () => {
    const byName = group(await search(hallName), 'hall');
    assert.equal(byName?.label, '服务大厅');
    const hit = byName?.items.find((h) => h.title === hallName);
    assert.ok(hit, JSON.stringify(byName));
    assert.match(hit.page, /^\/packages\/halls\/pages\/hall\/index\?id=\d+$/);
    assert.ok(group(await search(`望京街${tag}号`), 'hall')?.items.some((h) => h.title === hallName));
  });

  it('matches pinyin and initials: hydj and hunyin find 婚姻, yanglao finds 养老服务', async () => {
    const initials = await search('hydj');
    assert.ok(
      group(initials, 'item')?.items.some((i) => i.title.includes('婚姻登记')),
      JSON.stringify(initials),
    );
    assert.ok(group(await search('hunyin'), 'area')?.items.some((a) => a.title === '婚姻服务'));
    const area = group(await search('yanglao'), 'area');
    assert.equal(area?.label, '服务领域');
    assert.equal(area?.items[0].title, '养老服务');
    assert.equal(area?.items[0].page, '/packages/elderly/pages/index/index');
  });

  it('an area not yet online is found and says its items are handled at a hall; its items are found too', async () => {
    const pending = SERVICE_AREAS.find((a) => !a.live);
    if (!pending) return; // every area is live
    const view = await search(pending.name);
    const area = group(view, 'area')?.items.find((a) => a.id === pending.key);
    assert.ok(area, JSON.stringify(view));
    assert.match(area.summary, /即将上线/);
    const { body } = await request(s.url).get('/api/services').query({ area: pending.key }).expect(200);
    for (const item of body.items as { code: string; name: string }[]) {
      const found = group(await search(item.name), 'item');
      assert.ok(
        found?.items.some((i) => i.id === item.code),
        item.name,
      );
    }
  });

  it('finds what the areas hold: an organization, a volunteer activity and an elderly-care place, each opening its page', async () => {
    // Chinese characters unique to this run, so the register's name index finds only ours.
    const mark = [...tag].map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[Number.parseInt(c, 16)]).join('');
    const auth = (await admin(s.url)).auth;
    const org = await createOrg(s.url, auth, { name: `朝阳区${mark}助老协会` });
    const { organizer, orgId } = await organization(s.url);
    const activityId = await publishedActivity(s.url, organizer, orgId, daysAgo(-10), {
      title: `${mark}助老志愿服务`,
    });
    const placeId = await s.app.modules.elderly.registerPlace({
      kind: 'institution',
      name: `${mark}颐养院`,
      divisionCode: '110105001001',
      address: '北京市朝阳区某街道1号',
      lat: 39.9,
      lng: 116.4,
      phone: '010-12345678',
      hours: '全天24小时',
      beds: 100,
      vacancies: 7,
      careLevels: ['intact'],
      stars: 3,
      intro: '测试机构',
      fees: [{ item: '床位费', unit: '元/月', priceCents: 300_000 }],
    } as PlaceInput);

    const view = await search(mark);
    assert.deepEqual(
      view.groups.map((g) => g.kind),
      ['org', 'activity', 'institution'],
      'only the kinds with hits, in the contracts’ order',
    );
    const [orgs, activities, places] = view.groups;
    assert.equal(orgs.label, '社会组织');
    assert.deepEqual(
      orgs.items.map((h) => [h.id, h.page]),
      [[org.uscc, `/packages/social-orgs/pages/detail/index?uscc=${org.uscc}`]],
    );
    assert.deepEqual(
      activities.items.map((h) => [h.id, h.page]),
      [[String(activityId), `/packages/volunteer/pages/activity/index?id=${activityId}`]],
    );
    assert.match(activities.items[0].summary, /招募中/);
    assert.deepEqual(
      places.items.map((h) => [h.id, h.page]),
      [[String(placeId), `/packages/elderly/pages/place/index?id=${placeId}`]],
    );
    assert.match(places.items[0].summary, /空余床位 7/);
    // Every term must be held: only the activity holds both.
    assert.deepEqual(
      (await search(`${mark} 志愿`)).groups.map((g) => g.kind),
      ['activity'],
    );
  });

  it('nothing found is an empty answer; an empty or overlong query is refused in Chinese', async () => {
    assert.deepEqual(await search('查无此项zzqq'), { q: '查无此项zzqq', total: 0, groups: [] });
    const empty = await request(s.url).get('/api/search').query({ q: '  ' }).expect(400);
    assert.equal(empty.body.error.code, 'VALIDATION_FAILED');
    assert.match(empty.body.error.message, /[\u4e00-\u9fa5]/);
    await request(s.url).get('/api/search').expect(400);
    const long = await request(s.url)
      .get('/api/search')
      .query({ q: '婚'.repeat(31) })
      .expect(400);
    assert.match(JSON.stringify(long.body.error), /最多30个字/);
    // Wildcards are plain characters.
    assert.equal((await search('%')).total, 0);
  });
});
