import assert from 'node:assert/strict';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import type { PlaceNameRow } from '../../src/modules/placenames/models';
import { initialsOf, pinyinKey, romanize } from '../../src/modules/placenames/romanize';

/**
 * A citizen types a few letters or characters and pages through the answers: every page is what a
 * scan over every name (filtered and ordered in memory) gives — a Chinese prefix by name; letters:
 * the names whose pinyin starts with them (by pinyin, then id), then those whose initials do —
 * whether the names held in the server process answer (PLACE_NAME_INDEX, the default) or the
 * database does (a process without them, `sql`, on the same register).
 */
describe('Place-name search pages through the same names as a scan over the register', () => {
  let s: TestServer;
  let sql: TestServer;
  let all: PlaceNameRow[];
  /** Names of one prefix in one division, and one more of another category and division after them all. */
  const CROWDED = 5100;
  const CHARS = [...'东西南北大小新安平和兴福金石山河湖江水龙凤白青黄王张李陈德都多道'];
  const ENDINGS = ['路', '街', '村', '桥', '巷', '屯', '欧'];

  before(async function () {
    this.timeout(120_000);
    const url = await ownDatabase('placenames_scan');
    s = await startServer({ DATABASE_URL: url });
    sql = await startServer({ DATABASE_URL: url, PLACE_NAME_INDEX: 'false' });
    let x = 3;
    const rand = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 16) % n;
    };
    const now = new Date();
    const rows = Array.from({ length: 900 }, (_, i) => {
      const name = [CHARS[rand(CHARS.length)], CHARS[rand(CHARS.length)], ENDINGS[rand(ENDINGS.length)]].join('');
      const pinyin = romanize(name);
      return {
        name,
        pinyin,
        pinyin_key: pinyinKey(pinyin),
        initials: initialsOf(name),
        category: i % 5 ? 'settlement' : 'transport',
        division_code: ['110101', '110105', '310101'][rand(3)],
        location: '合成位置',
        lng: null,
        lat: null,
        meaning: '',
        history: '',
        approval_body: '合成批准机关',
        approval_date: '2020-01-01',
        // A few cancelled names: never answered to the public.
        status: i % 17 ? 'current' : 'cancelled',
        former_name: null,
        created_at: now,
        updated_at: now,
      };
    });
    // 港口一路 … : a prefix whose names are all settlements of 110101 but the last, a transport
    // name of 310101 (港口末站): a search for that one walks past thousands first.
    const crowded = Array.from({ length: CROWDED + 1 }, (_, i) => ({
      ...rows[0],
      name: i < CROWDED ? `港口${i}路` : '港口末站',
      pinyin: romanize('港口'),
      pinyin_key: pinyinKey(romanize('港口')),
      initials: 'gk',
      category: i < CROWDED ? 'settlement' : 'transport',
      division_code: i < CROWDED ? '110101' : '310101',
      status: 'current',
    }));
    // A name with characters a JSON string must escape (a quote, a backslash, a tab).
    const odd = { ...crowded[0], name: '引号"巷\\\t', pinyin: 'Yin"hao\\', pinyin_key: 'yinhao', initials: 'yh' };
    const { PlaceName } = s.app.modules.placeNames.models;
    await PlaceName.bulkCreate(rows as never[]);
    await PlaceName.bulkCreate([...crowded, odd] as never[]);
    all = (await PlaceName.findAll({ raw: true })) as PlaceNameRow[];
    assert.equal(all.length, 900 + CROWDED + 2);
    // The names as the register holds them now, loaded into `s` before its stories start.
    await s.app.modules.placeNames.search.heldNamesLoaded();
    // The divisions' names are read once each (and kept): before the stories that count reads.
    for (const division of ['110101', '110105', '310101'])
      await request(s.url).get(`/api/place-names?division=${division}&pageSize=1`).expect(200);
  });
  after(async () => {
    await s?.close();
    await sql?.close();
  });

  /**
   * Statements on the register (`place_names`) `server` sends while `work` runs — through db.query
   * (SQLite, Sequelize) or on a pooled 'read' connection (readRows on MariaDB). Only those: the
   * process's other work meanwhile (queued jobs, the divisions' names) is not the search's.
   */
  async function readsDuring(server: TestServer, work: () => Promise<void>): Promise<number> {
    const db = server.app.platform.db;
    const manager = db.connectionManager as unknown as { getConnection(o?: { type?: string }): Promise<unknown> };
    const get = manager.getConnection;
    const query = db.query;
    type Conn = { query: (options: { sql?: string } | string, ...rest: unknown[]) => unknown };
    const watched = new Map<Conn, Conn['query']>();
    let reads = 0;
    const count = (sql: unknown) => {
      if (typeof sql === 'string' && sql.includes('place_names')) reads++;
    };
    manager.getConnection = async function (this: unknown, o?: { type?: string }) {
      const conn = (await get.call(this, o)) as Conn;
      if (o?.type === 'read' && !watched.has(conn)) {
        const original = conn.query;
        watched.set(conn, original);
        conn.query = function (this: unknown, options, ...rest) {
          count(typeof options === 'string' ? options : options.sql);
          return original.call(this, options, ...rest);
        };
      }
      return conn;
    };
    db.query = function (this: unknown, ...args: unknown[]) {
      count(args[0]);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof db.query;
    try {
      await work();
    } finally {
      manager.getConnection = get;
      db.query = query;
      for (const [conn, original] of watched) conn.query = original;
    }
    return reads;
  }

  const byKey = (k: keyof PlaceNameRow) => (a: PlaceNameRow, b: PlaceNameRow) =>
    String(a[k]) < String(b[k]) ? -1 : String(a[k]) > String(b[k]) ? 1 : a.id - b.id;

  /** What a scan over every row answers, in order. */
  function scan(q: string, filter: (r: PlaceNameRow) => boolean): PlaceNameRow[] {
    const rows = all.filter((r) => r.status === 'current' && filter(r));
    if (/^[a-z]+$/i.test(q)) {
      const key = q.toLowerCase();
      const first = rows.filter((r) => r.pinyin_key.startsWith(key)).sort(byKey('pinyin_key'));
      const then = rows
        .filter((r) => !r.pinyin_key.startsWith(key) && r.initials.startsWith(key))
        .sort(byKey('initials'));
      return [...first, ...then];
    }
    return rows.filter((r) => r.name.startsWith(q)).sort(byKey('name'));
  }

  async function pages(query: string, pageSize: number, url = s.url) {
    const ids: number[] = [];
    for (let page = 1; page <= 50; page++) {
      const { body } = await request(url)
        .get(`/api/place-names?${query}&page=${page}&pageSize=${pageSize}`)
        .expect(200);
      ids.push(...body.items.map((i: { id: number }) => i.id));
      if (!body.hasMore) return ids;
    }
    throw new Error(`more than 50 pages: ${ids.length} ${new Set(ids).size}`);
  }

  for (const [q, pageSize] of [
    ['d', 20],
    ['do', 9],
    ['de', 20],
    ['dd', 6],
    ['xa', 5],
    ['dongx', 4],
    ['zha', 50],
    ['qq', 10],
    ['xyz', 20],
    ['东', 20],
    ['东西', 3],
  ] as const) {
    it(`q=${q}, ${pageSize} a page: the same names in the same order as a scan, held names or database`, async () => {
      const expected = scan(q, () => true).map((r) => r.id);
      const reads = await readsDuring(s, async () => {
        assert.deepEqual(await pages(`q=${encodeURIComponent(q)}`, pageSize), expected);
      });
      assert.equal(reads, 0, 'the held names answer every page');
      assert.deepEqual(await pages(`q=${encodeURIComponent(q)}`, pageSize, sql.url), expected);
    });
  }

  it('letters with a category and a division: still the scan’s answer', async () => {
    const expected = scan('d', (r) => r.category === 'transport' && r.division_code === '110105').map((r) => r.id);
    assert.ok(expected.length > 3, 'the sample has some');
    for (const url of [s.url, sql.url])
      assert.deepEqual(await pages('q=D&category=transport&division=110105', 4, url), expected);
  });

  it('a filtered search that would walk thousands of held names is answered by the database, the same page', async () => {
    const expected = scan('港口', (r) => r.category === 'transport').map((r) => r.id);
    assert.equal(expected.length, 1);
    for (const query of [`q=${encodeURIComponent('港口')}&category=transport`, 'q=gangk&division=310101']) {
      const reads = await readsDuring(s, async () => {
        assert.deepEqual(await pages(query, 20), expected, query);
      });
      assert.ok(reads > 0, `${query}: the database was asked`);
      assert.deepEqual(await pages(query, 20, sql.url), expected, query);
    }
    // Unfiltered, the same prefix is a walk of a page: the held names answer.
    const first = scan('港口', () => true)
      .slice(0, 20)
      .map((r) => r.id);
    const reads = await readsDuring(s, async () => {
      const { body } = await request(s.url)
        .get(`/api/place-names?q=${encodeURIComponent('港口')}`)
        .expect(200);
      assert.deepEqual(
        body.items.map((i: { id: number }) => i.id),
        first,
      );
      assert.equal(body.hasMore, true);
    });
    assert.equal(reads, 0);
  });

  it('each name a search lists is as its own page gives it, field for field: Chinese, pinyin, initials, category, division, none found, bad input', async () => {
    // The list's items are built from the batched reads' rows (division names as already known), the page from
    // Sequelize's row: the same values, of the same types.
    const fields = ['id', 'name', 'pinyin', 'category', 'categoryLabel', 'divisionCode', 'divisionName'];
    let compared = 0;
    for (const server of [s, sql])
      for (const query of [
        { q: '东' },
        { q: '东西', pageSize: '3' },
        { q: 'dong' },
        { q: 'dd' },
        { q: 'xa', page: '2', pageSize: '4' },
        { q: 'D', category: 'transport', division: '110105' },
        { q: '南', division: '310101' },
        { category: 'transport', pageSize: '6' },
      ]) {
        const { body } = await request(server.url).get('/api/place-names').query(query).expect(200);
        assert.ok(body.items.length > 0, JSON.stringify(query));
        assert.equal(typeof body.hasMore, 'boolean');
        for (const item of body.items) {
          assert.deepEqual(Object.keys(item), fields);
          const { body: page } = await request(s.url).get(`/api/place-names/${item.id}`).expect(200);
          assert.deepEqual(item, Object.fromEntries(fields.map((f) => [f, page[f]])), JSON.stringify(query));
          compared++;
        }
      }
    assert.ok(compared > 60, `${compared} names compared`);
    // The held names' answer is written as bytes straight from where they are held: the very bytes
    // the database's answer gives, escapes included.
    for (const query of [
      { q: '东', pageSize: '50' },
      { q: 'dd' },
      { q: '引号' },
      { q: 'yinh' },
      { category: 'transport' },
    ]) {
      const [held, read] = await Promise.all(
        [s, sql].map(
          async (server) => (await request(server.url).get('/api/place-names').query(query).expect(200)).text,
        ),
      );
      assert.equal(held, read, JSON.stringify(query));
    }
    const odd = await request(s.url).get('/api/place-names').query({ q: '引号' }).expect(200);
    assert.deepEqual(
      odd.body.items.map((i: { name: string; pinyin: string }) => [i.name, i.pinyin]),
      [['引号"巷\\\t', 'Yin"hao\\']],
    );
    const none = await request(s.url).get('/api/place-names').query({ q: 'xyz', pageSize: '13' }).expect(200);
    assert.deepEqual(none.body, { items: [], hasMore: false });
    for (const bad of [
      { q: '东'.repeat(33) },
      { q: '   ' },
      { division: '12345' },
      { category: 'nope' },
      { pageSize: '51' },
    ]) {
      const res = await request(s.url).get('/api/place-names').query(bad).expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED', JSON.stringify(bad));
    }
  });

  it('searches asked all at once of a process without held names: each the scan’s answer, their reads sent to MariaDB together', async () => {
    const cases = ['d', 'do', 'de', 'dd', 'xa', 'dongx', 'zha', 'qq', 'xyz', '东', '东西', 'bei', '西', '南北', 'hu'];
    const db = sql.app.platform.db;
    const manager = db.connectionManager as unknown as { getConnection(o?: { type?: string }): Promise<unknown> };
    const get = manager.getConnection;
    let reads = 0;
    manager.getConnection = function (this: unknown, o?: { type?: string }) {
      if (o?.type === 'read') reads++;
      return get.call(this, o);
    };
    const ask = (q: string, pageSize: number) =>
      request(sql.url)
        .get(`/api/place-names?q=${encodeURIComponent(q)}&page=2&pageSize=${pageSize}`)
        .expect(200);
    const check = (q: string, pageSize: number, body: { items: { id: number }[]; hasMore: boolean }) => {
      const expected = scan(q, () => true).map((r) => r.id);
      assert.deepEqual(
        body.items.map((i) => i.id),
        expected.slice(pageSize, 2 * pageSize),
        q,
      );
      assert.equal(body.hasMore, expected.length > 2 * pageSize, q);
    };
    try {
      // One after the other: each read is a statement of its own.
      for (const q of cases) check(q, 8, (await ask(q, 8)).body);
      const alone = reads;
      reads = 0;
      // All at once (answers nobody asked before: another page size): each still its scan's answer.
      const answers = await Promise.all(cases.map((q) => ask(q, 7)));
      answers.forEach((res, i) => check(cases[i], 7, res.body));
      if (db.getDialect() !== 'sqlite')
        assert.ok(reads < alone, `${reads} statements for ${cases.length} searches at once, ${alone} one by one`);
    } finally {
      manager.getConnection = get;
    }
  });

  it('on MariaDB a public search reads its page from the prefix’s index alone (no row visited)', async function () {
    const db = sql.app.platform.db;
    if (db.getDialect() === 'sqlite') this.skip(); // EXPLAIN's covering-index note is MariaDB's; SQLite plans differ
    // The statements the searches send (readRows: mysql2 straight on a pooled 'read' connection).
    const sent: { sql: string; values: unknown[] }[] = [];
    const manager = db.connectionManager as unknown as { getConnection(o?: { type?: string }): Promise<unknown> };
    const get = manager.getConnection;
    type Conn = { query: (options: { sql: string; values: unknown[] }, ...rest: unknown[]) => unknown };
    const watched = new Map<Conn, Conn['query']>();
    manager.getConnection = async function (this: unknown, o?: { type?: string }) {
      const conn = (await get.call(this, o)) as Conn;
      if (o?.type === 'read' && !watched.has(conn)) {
        const query = conn.query;
        watched.set(conn, query);
        conn.query = function (this: unknown, options, ...rest) {
          sent.push(options);
          return query.call(this, options, ...rest);
        };
      }
      return conn;
    };
    try {
      // Another page size than the other stories': answers nobody asked before.
      for (const q of ['东', '东西', 'do', 'dongx', 'dd', 'xyz']) {
        await request(sql.url)
          .get(`/api/place-names?q=${encodeURIComponent(q)}&pageSize=11`)
          .expect(200);
      }
    } finally {
      manager.getConnection = get;
      for (const [conn, query] of watched) conn.query = query;
    }
    assert.ok(sent.length >= 6, `${sent.length} statements`);
    for (const { sql, values } of sent) {
      const plan = (await db.query(`EXPLAIN ${sql}`, { replacements: values, type: QueryTypes.SELECT })) as {
        table: string | null;
        key: string | null;
        Extra: string | null;
      }[];
      // "Using index" (covering), not "Using index condition" (the range, then each row read).
      for (const part of plan.filter((p) => p.table === 'place_names'))
        assert.match(`${part.key} ${part.Extra}`, /_list .*Using index(;|$)/, `${sql}: ${JSON.stringify(part)}`);
    }
  });
});
