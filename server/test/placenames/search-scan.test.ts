import assert from 'node:assert/strict';
import request from 'supertest';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import type { PlaceNameRow } from '../../src/modules/placenames/models';
import { initialsOf, pinyinKey, romanize } from '../../src/modules/placenames/romanize';

/**
 * A citizen types a few letters or characters and pages through the answers: every page is what a
 * scan over every name (filtered and ordered in memory) gives — a Chinese prefix by name; letters:
 * the names whose pinyin starts with them (by pinyin, then id), then those whose initials do.
 */
describe('Place-name search pages through the same names as a scan over the register', () => {
  let s: TestServer;
  let all: PlaceNameRow[];
  const CHARS = [...'东西南北大小新安平和兴福金石山河湖江水龙凤白青黄王张李陈德都多道'];
  const ENDINGS = ['路', '街', '村', '桥', '巷', '屯', '欧'];

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('placenames_scan') });
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
    const { PlaceName } = s.app.modules.placeNames.models;
    await PlaceName.bulkCreate(rows as never[]);
    all = (await PlaceName.findAll({ raw: true })) as PlaceNameRow[];
    assert.equal(all.length, 900);
  });
  after(async () => s?.close());

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

  async function pages(query: string, pageSize: number) {
    const ids: number[] = [];
    for (let page = 1; page <= 50; page++) {
      const { body } = await request(s.url)
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
    it(`q=${q}, ${pageSize} a page: the same names in the same order as a scan`, async () => {
      const expected = scan(q, () => true).map((r) => r.id);
      assert.deepEqual(await pages(`q=${encodeURIComponent(q)}`, pageSize), expected);
    });
  }

  it('letters with a category and a division: still the scan’s answer', async () => {
    const expected = scan('d', (r) => r.category === 'transport' && r.division_code === '110105').map((r) => r.id);
    assert.ok(expected.length > 3, 'the sample has some');
    assert.deepEqual(await pages('q=D&category=transport&division=110105', 4), expected);
  });
});
