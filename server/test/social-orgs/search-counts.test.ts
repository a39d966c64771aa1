import assert from 'node:assert/strict';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { bulkInsertOrgs } from '../../src/modules/social-orgs/bulk-insert';
import { countGrams, GRAM_DF_TABLE } from '../../src/modules/social-orgs/gram-df';
import { rng, syntheticOrgs } from '../../src/modules/social-orgs/synthetic';
import { makeUscc } from '../../src/modules/social-orgs/uscc';
import { normalizeName, postingTokens } from '../../src/platform/search/ngrams';
import { POSTINGS_TABLE } from '../../src/modules/social-orgs/name-postings';
import { isSqlite } from '../../src/platform/db';
import { createOrg, officer } from './helpers';

/**
 * Name search decides "nothing matches" and "too many match" from the gram counts alone, and
 * asks the index only in between: these stories hold its answers against the names themselves.
 */
describe('Name search answers from the gram counts as the names themselves would', function () {
  this.timeout(120_000);
  let s: TestServer;
  const today = '2026-11-30';

  before(async () => {
    s = await startServer({}, { freshDatabase: true });
    const make = syntheticOrgs(11, today);
    const orgs = Array.from({ length: 800 }, (_, i) => make(40_000_000 + i));
    // 1,050 names share 「星光公益服务社」: too many for one answer, unless a region narrows them.
    for (let i = 0; i < 1050; i++) {
      const division = i < 600 ? '110105' : '440305';
      orgs.push({
        ...make(41_000_000 + i),
        name: `第${i}星光公益服务社`,
        division_code: division,
        uscc: makeUscc('1', division, String(41_000_000 + i)),
      });
    }
    // A pair that ends a name, fills one, and comes twice in one: a two-character query must find each once.
    ['琥珀', '北京市琥珀', '琥珀琥珀研究会', '上海市琥珀文化交流中心'].forEach((name, i) =>
      orgs.push({ ...make(42_000_000 + i), name }),
    );
    for (let i = 0; i < orgs.length; i += 500) await bulkInsertOrgs(s.app.platform.db, orgs.slice(i, i + 500));
  });
  after(async () => s.close());

  async function register() {
    return (await s.app.platform.db.query('SELECT search_name, uscc, division_code, credit_status FROM social_orgs', {
      type: QueryTypes.SELECT,
    })) as { search_name: string; uscc: string; division_code: string; credit_status: string }[];
  }

  /** What the answer must be, worked out from every name. */
  function expected(names: Awaited<ReturnType<typeof register>>, q: string, division?: string, credit?: string) {
    const norm = normalizeName(q);
    const hits = names.filter(
      (r) =>
        r.search_name.includes(norm) &&
        (!division || r.division_code.startsWith(division)) &&
        (!credit || r.credit_status === credit),
    );
    if (hits.length > 1000) return { tooBroad: true as const };
    const at = (name: string) => [...name.slice(0, name.indexOf(norm))].length; // in characters, as SQL counts
    const key = (r: { search_name: string }) => [
      r.search_name === norm ? 0 : 1,
      at(r.search_name),
      [...r.search_name].length,
    ];
    hits.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (a.uscc < b.uscc ? -1 : 1);
    });
    return {
      total: hits.length,
      first: hits.slice(0, 20).map((h) => h.uscc),
      second: hits.slice(20, 40).map((h) => h.uscc),
    };
  }

  it('gives the totals, order and refusals that the names themselves give, for short and long fragments', async () => {
    const names = await register();
    const r = rng(5);
    const queries = [
      '星光公益服务社',
      '星光公益',
      '公益服务',
      '光公',
      '第1星光公益服务社',
      '第10',
      '服务社',
      '没有这个名字',
      '星光公益服务社团',
      '琥珀',
      '珀研',
    ];
    // Pairs that end names: on MySQL these are found under their ending key only.
    for (let i = 0; i < 20; i++) queries.push([...r.pick(names).search_name].slice(-2).join(''));
    for (let i = 0; i < 120; i++) {
      const chars = [...r.pick(names).search_name];
      const len = r.int(2, Math.min(12, chars.length));
      const start = r.int(0, chars.length - len);
      const q = chars.slice(start, start + len).join('');
      if (!/^[0-9a-z\s-]+$/.test(q)) queries.push(q); // not one that reads as a credit code
    }
    let broad = 0;
    let long = 0;
    for (const q of queries) {
      const want = expected(names, q);
      const res = await request(s.url).get('/api/social-orgs').query({ q });
      if (want.tooBroad) {
        broad++;
        assert.equal(res.status, 400, q);
        assert.equal(res.body.error.code, 'QUERY_TOO_BROAD');
        continue;
      }
      assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.total, want.total, q);
      assert.deepEqual(
        res.body.items.map((x: { uscc: string }) => x.uscc),
        want.first,
        q,
      );
      if ([...q].length > 8) long++;
    }
    assert.ok(broad >= 3, `only ${broad} broad queries were tried`);
    // Asked again, the verdict comes from the answer cache, and is still a refusal.
    const again = await request(s.url).get('/api/social-orgs').query({ q: '星光公益服务社' }).expect(400);
    assert.equal(again.body.error.code, 'QUERY_TOO_BROAD');
    assert.ok(long >= 5, `only ${long} long queries were tried`);
  });

  it('answers a fragment too common for the country within a credit list', async () => {
    const names = await register();
    const want = expected(names, '星光公益服务社', undefined, 'abnormal');
    assert.ok(want.total! > 0 && want.total! < 100, `${want.total} abnormal`);
    const { body } = await request(s.url)
      .get('/api/social-orgs')
      .query({ q: '星光公益服务社', credit: 'abnormal' })
      .expect(200);
    assert.equal(body.total, want.total);
    assert.deepEqual(
      body.items.map((x: { uscc: string }) => x.uscc),
      want.first,
    );
  });

  it('answers a fragment too common for the country once a region narrows it', async () => {
    const names = await register();
    const want = expected(names, '星光公益服务社', '44');
    assert.equal(want.total, 450);
    const { body } = await request(s.url)
      .get('/api/social-orgs')
      .query({ q: '星光公益服务社', division: '44' })
      .expect(200);
    assert.equal(body.total, 450);
    assert.deepEqual(
      body.items.map((x: { uscc: string }) => x.uscc),
      want.first,
    );
    const second = await request(s.url)
      .get('/api/social-orgs')
      .query({ q: '星光公益服务社', division: '44', page: 2 })
      .expect(200);
    assert.deepEqual(
      second.body.items.map((x: { uscc: string }) => x.uscc),
      want.second,
    );
    const past = await request(s.url)
      .get('/api/social-orgs')
      .query({ q: '星光公益服务社', division: '44', page: 30 })
      .expect(200);
    assert.deepEqual([past.body.items.length, past.body.total], [0, 450]);
  });

  it('finds a newly registered or renamed organization at once, although its name was searched before', async () => {
    const total = async (q: string) =>
      (await request(s.url).get('/api/social-orgs').query({ q }).expect(200)).body.total as number;
    assert.equal(await total('月光琴社'), 0);
    assert.equal(await total('月光琴社暨古琴研习会'), 0);
    const o = await officer(s.url, ['11']);
    const created = await createOrg(s.url, o.auth, { name: '北京市朝阳区月光琴社暨古琴研习会' });
    assert.equal(await total('月光琴社'), 1);
    assert.equal(await total('月光琴社暨古琴研习会'), 1);
    await request(s.url)
      .patch(`/api/staff/social-orgs/${created.uscc}`)
      .set(o.auth)
      .send({ name: '北京市朝阳区晨曦琴社' })
      .expect(200);
    assert.equal(await total('月光琴社'), 0);
    assert.equal(await total('晨曦琴社'), 1);
  });

  it('finds a pair wherever it stands in a name, once per organization', async () => {
    const { body } = await request(s.url).get('/api/social-orgs').query({ q: '琥珀' }).expect(200);
    assert.equal(body.total, 4);
    // Exact name, then the earlier the pair, then the shorter the name.
    assert.deepEqual(
      body.items.map((x: { name: string }) => x.name),
      ['琥珀', '琥珀琥珀研究会', '北京市琥珀', '上海市琥珀文化交流中心'],
    );
  });

  it('keeps the name index equal to the names after loads, creations and renames', async () => {
    const db = s.app.platform.db;
    const orgs = (await db.query('SELECT id, uscc, search_name FROM social_orgs', { type: QueryTypes.SELECT })) as {
      id: number;
      uscc: string;
      search_name: string;
    }[];
    if (isSqlite(db)) {
      const fts = (await db.query('SELECT rowid AS id, name FROM social_orgs_fts', { type: QueryTypes.SELECT })) as {
        id: number;
        name: string;
      }[];
      assert.deepEqual(
        new Map(fts.map((f) => [Number(f.id), f.name])),
        new Map(orgs.map((o) => [Number(o.id), o.search_name])),
      );
      return;
    }
    const want = new Set(
      orgs.flatMap((o) => postingTokens(o.search_name).map((t) => `${t} ${o.id} ${o.search_name} ${o.uscc}`)),
    );
    const rows = (await db.query(`SELECT token, org_id, search_name, uscc FROM ${POSTINGS_TABLE}`, {
      type: QueryTypes.SELECT,
    })) as { token: string; org_id: number; search_name: string; uscc: string }[];
    assert.equal(rows.length, want.size);
    for (const r of rows)
      assert.ok(want.has(`${r.token} ${r.org_id} ${r.search_name} ${r.uscc}`), `${r.token} ${r.search_name}`);
  });

  it('keeps every gram count equal to a recount of the names after loads, creations and renames', async () => {
    const db = s.app.platform.db;
    const names = (await db.query('SELECT name FROM social_orgs', { type: QueryTypes.SELECT })) as { name: string }[];
    const recount = countGrams(names.map((n) => n.name));
    const stored = (await db.query(`SELECT gram, n FROM ${GRAM_DF_TABLE} WHERE n <> 0`, {
      type: QueryTypes.SELECT,
    })) as { gram: string; n: number }[];
    assert.equal(stored.length, [...recount.values()].filter((n) => n !== 0).length);
    for (const { gram, n } of stored) assert.equal(Number(n), recount.get(gram), gram);
  });
});
