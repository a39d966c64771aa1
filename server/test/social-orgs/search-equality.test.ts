import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../../config';
import { createApp, type App } from '../../src/app';
import { bulkInsertOrgs } from '../../src/modules/social-orgs/bulk-insert';
import { rng, syntheticOrgs, type SyntheticOrg } from '../../src/modules/social-orgs/synthetic';
import { makeUscc } from '../../src/modules/social-orgs/uscc';
import { ownMariaDb, resetDatabase } from '../../../test/support/db';
import { TEST_REDIS_PREFIX, testEnv } from '../../../test/support/env';
import { adminOf } from './helpers';

/**
 * The same register on SQLite (FTS5 trigram) and on MariaDB (an inverted index of trigrams),
 * opened side by side in one run: every query answers the same on both, item for item.
 */
describe('Name search answers the same on SQLite and MariaDB', function () {
  this.timeout(180_000);
  const apps: { app: App; url: string }[] = [];

  before(async function () {
    const mariadbUrl = await ownMariaDb('minzheng_so_search');
    if (!mariadbUrl) this.skip(); // not a MariaDB run: ownMariaDb said so
    const sqliteUrl = `sqlite:${path.join(os.tmpdir(), `minzheng-so-eq-${randomBytes(4).toString('hex')}.sqlite`)}`;
    const orgs = register();
    for (const [i, url] of [sqliteUrl, mariadbUrl!].entries()) {
      await resetDatabase(url);
      // Each its own cache prefix: the two must not answer from each other's cache.
      const app = await createApp(
        loadConfig(testEnv({ DATABASE_URL: url, REDIS_PREFIX: `${TEST_REDIS_PREFIX}eq${i}:`, LOG_LEVEL: 'warn' })),
      );
      apps.push({ app, url: await app.listen(0, '127.0.0.1') });
      for (let j = 0; j < orgs.length; j += 500) await bulkInsertOrgs(app.platform.db, orgs.slice(j, j + 500));
      const admin = await adminOf(apps[i].url);
      for (const name of ['中华红十字慈善总会', '国际书法家联合总会']) {
        await request(apps[i].url)
          .post('/api/staff/social-orgs/illegal')
          .set(admin.auth)
          .send({ name, authority: '民政部', divisionCode: '110000', publishedAt: '2025-06-01' })
          .expect(201);
      }
    }
    assert.equal(apps[0].app.platform.db.getDialect(), 'sqlite');
    assert.equal(apps[1].app.platform.db.getDialect(), 'mysql');
  });
  after(async () => {
    for (const { app } of apps) await app.close();
  });

  function register(): SyntheticOrg[] {
    const today = '2026-11-30';
    const make = syntheticOrgs(42, today);
    const orgs = Array.from({ length: 3000 }, (_, i) => make(20_000_000 + i));
    const tricky = [
      '中国红十字基金会',
      'ＡＢＣ公益协会',
      'abc公益促进会',
      'AbC 志愿者协会',
      '百分之%研究会',
      '下划线_协会',
      '红十',
      '十字',
      '红十字',
      '𠀀字协会',
      '书法书法研究会',
    ];
    tricky.forEach((name, i) =>
      orgs.push({ ...make(30_000_000 + i), name, uscc: makeUscc('1', '110105', String(30_000_100 + i)) }),
    );
    return orgs;
  }

  function queries(): Record<string, string | number>[] {
    const r = rng(7);
    const make = syntheticOrgs(42, '2026-11-30');
    const names = Array.from({ length: 400 }, (_, i) => make(20_000_000 + i).name);
    const out: Record<string, string | number>[] = [];
    for (let i = 0; i < 150; i++) {
      const chars = [...r.pick(names)];
      const len = r.int(2, Math.min(6, chars.length));
      const start = r.int(0, chars.length - len);
      out.push({ q: chars.slice(start, start + len).join('') });
    }
    for (const q of [
      '红十字',
      '红十',
      '十字',
      'abc',
      'ＡＢＣ',
      'ab c',
      '%研究',
      '_协会',
      '线_',
      '𠀀字',
      '书法',
      '书法书法',
      '协会',
      '基金会',
      '不存在的名称',
      '中华红十字慈善总会',
    ])
      out.push({ q });
    out.push(
      { q: '协会', pageSize: 7, page: 3 },
      { q: '学会', type: 'social_group' },
      { q: '中心', credit: 'abnormal' },
      { q: '基金会', division: '44' },
      { q: '市', status: 'active', pageSize: 50 },
    );
    return out;
  }

  it('gives the same items, order, totals and warnings for every query', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const query of queries()) {
      const [a, b] = await Promise.all(apps.map(({ url }) => request(url).get('/api/social-orgs').query(query)));
      assert.equal(a.status, b.status, JSON.stringify(query));
      assert.deepEqual(a.body, b.body, `different answers for ${JSON.stringify(query)}`);
      compared++;
      if (a.body.total > 0) nonEmpty++;
    }
    assert.ok(nonEmpty > 120, `only ${nonEmpty} queries found anything`);
    assert.ok(compared > 150);
  });

  it('finds the tricky names the same way: width, case, wildcards, astral characters', async () => {
    const names = async (q: string) =>
      (await request(apps[1].url).get('/api/social-orgs').query({ q }).expect(200)).body.items.map(
        (i: { name: string }) => i.name,
      );
    const abc = await names('ａｂｃ');
    assert.equal(abc[0], 'ＡＢＣ公益协会'); // the shortest name first
    assert.deepEqual([...abc].sort(), ['AbC 志愿者协会', 'abc公益促进会', 'ＡＢＣ公益协会'].sort());
    assert.deepEqual(await names('%研究'), ['百分之%研究会']);
    assert.deepEqual(await names('_协'), ['下划线_协会']);
    assert.deepEqual(await names('𠀀字'), ['𠀀字协会']);
    assert.deepEqual((await names('红十')).slice(0, 2), ['红十', '红十字']);
  });
});
