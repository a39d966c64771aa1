import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import type { NoticeRow } from '../../src/modules/family-search/models';
import { similarity } from '../../src/modules/family-search/similarity';

/**
 * Families of every kind (with and without a last-seen point, accent, height, features; near and far
 * from where the notices are) get the same top scores as scoring every open notice would give, though
 * the search reads only the rings around the place that can still change the top (the near rings by
 * the 2° cells of found points, which these points cross: 39.92 ± 1 spans the cells of 38° and 40°).
 */
describe('救助寻亲: ranked matches read ring by ring equal a scan of every notice', () => {
  let s: TestServer;
  let all: NoticeRow[];
  const PLACES: [string, number, number][] = [
    ['110105', 39.92, 116.44],
    ['110108', 39.96, 116.3],
    ['130602', 38.87, 115.46],
    ['120101', 39.12, 117.2],
    ['410102', 34.75, 113.62],
    ['440305', 22.53, 113.93],
    ['440103', 23.12, 113.26],
    ['510104', 30.66, 104.07],
    ['230102', 45.76, 126.63],
  ];
  const ACCENTS = ['河南口音', '四川话', '东北口音', '广东话', '河北口音', null];
  const FEATURES = ['左手缺小指', '右眉有痣', '跛行', '戴眼镜', '秃顶'];
  let x = 11;
  const rand = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 16) % n;
  };
  const day = (offset: number) => new Date(Date.parse('2026-11-30') - offset * 86_400_000).toISOString().slice(0, 10);

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('family_search_rings') });
    const now = new Date();
    const rows = Array.from({ length: 3000 }, () => {
      const [code, lat, lng] = PLACES[rand(PLACES.length)];
      const age = 5 + rand(80);
      const point = rand(4) > 0;
      return {
        station_division_code: code,
        station_name: '合成救助站',
        station_contact: '010-00000000',
        sex: rand(3) === 0 ? 'female' : 'male',
        age_min: age,
        age_max: age + 2 + rand(6),
        height_cm: rand(5) ? 140 + rand(50) : null,
        build: null,
        accent: ACCENTS[rand(ACCENTS.length)],
        ethnicity: rand(8) ? '汉族' : '回族',
        features: rand(3) ? `${FEATURES[rand(5)]}，${FEATURES[rand(5)]}` : null,
        clothing: null,
        health: null,
        mental_state: null,
        found_date: day(rand(700)),
        found_division_code: code,
        found_place: '合成地点',
        found_lat: point ? lat + (rand(200) - 100) / 100 : null,
        found_lng: point ? lng + (rand(200) - 100) / 100 : null,
        has_photo: false,
        status: ['open', 'open', 'lead', 'verified', 'reunited', 'placed'][rand(6)],
        created_by: 0,
        created_at: now,
        updated_at: now,
      };
    });
    const { Notice } = s.app.modules.familySearch.models;
    await Notice.bulkCreate(rows as never[]);
    all = (await Notice.findAll({ where: { status: ['open', 'lead', 'verified'] }, raw: true })) as NoticeRow[];
  });
  after(async () => s?.close());

  it('twenty families of every kind: the same scores, best first, and reasons for each', async function () {
    this.timeout(120_000);
    const { Search } = s.app.modules.familySearch.models;
    const family = await loginCitizen(s.url);
    for (let i = 0; i < 20; i++) {
      const [code, lat, lng] = i % 7 === 6 ? ['650102', 43.83, 87.62] : PLACES[rand(PLACES.length)];
      const ageMin = 5 + rand(75);
      const form = {
        sex: rand(3) === 0 ? 'female' : 'male',
        ageMin,
        ageMax: ageMin + rand(i % 3 === 0 ? 20 : 5),
        heightCm: rand(2) ? 145 + rand(40) : undefined,
        accent: rand(2) ? ACCENTS[rand(5)]!.replace(/口音|话/, '') : undefined,
        ethnicity: rand(2) ? '汉族' : undefined,
        features: rand(2) ? FEATURES.slice(rand(3), 3 + rand(3)).join('，') : undefined,
        lastSeenDate: day(200 + rand(600)),
        lastSeenDivisionCode: code,
        lastSeenPlace: '合成走失地',
        ...(i % 2 ? { lastSeenLat: lat + (rand(100) - 50) / 100, lastSeenLng: lng + (rand(100) - 50) / 100 } : {}),
      };
      const { Match } = s.app.modules.familySearch.models;
      await Match.destroy({ where: {} });
      await Search.update({ active: false }, { where: {} }); // at most five active a family
      const reg = await request(s.url).post('/api/family-search/searches').set(family.auth).send(form).expect(201);
      const row = (await Search.findByPk(reg.body.id, { raw: true }))!;
      const want = all
        .flatMap((n) => {
          const r = similarity(row, n);
          return r ? [{ noticeId: n.id, score: r.score }] : [];
        })
        .sort((a, b) => b.score - a.score || b.noticeId - a.noticeId)
        .slice(0, 20);
      const got = await request(s.url).get(`/api/family-search/searches/${reg.body.id}/matches`).set(family.auth);
      assert.equal(got.status, 200);
      assert.deepEqual(
        got.body.items.map((m: { score: number }) => m.score),
        want.map((m) => m.score),
        JSON.stringify(form),
      );
      // Above the last score of the top the notices are the scan's too, in its order (at the last score, ties may differ).
      const cut = want.at(-1)?.score ?? 0;
      assert.deepEqual(
        got.body.items.filter((m: { score: number }) => m.score > cut).map((m: { noticeId: number }) => m.noticeId),
        want.filter((m) => m.score > cut).map((m) => m.noticeId),
        JSON.stringify(form),
      );
      for (const m of got.body.items) assert.match(m.reasons[0], /^性别.*相符$/);
    }
  });
});
