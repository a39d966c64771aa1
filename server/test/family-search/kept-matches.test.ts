import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { bornIn, idNumber, realNamedCitizen } from '../assistance/support';
import { staffAt } from '../cases/support';
import type { NoticeRow } from '../../src/modules/family-search/models';
import { similarity } from '../../src/modules/family-search/similarity';

type Auth = Record<string, string>;
type Item = { noticeId: number; score: number; reasons: string[]; summary: string };

const notice = (over: Record<string, unknown> = {}) => ({
  sex: 'male',
  ageMin: 68,
  ageMax: 75,
  heightCm: 168,
  accent: '河南口音',
  ethnicity: '汉族',
  features: '左手缺小指，右眉有痣',
  stationName: '朝阳区救助管理站',
  stationContact: '010-12345678',
  stationDivisionCode: '110105',
  foundDate: '2026-10-20',
  foundDivisionCode: '110105',
  foundPlace: '朝阳区建国门外大街公交站',
  foundLat: 39.9087,
  foundLng: 116.4461,
  ...over,
});

const search = {
  sex: 'male',
  ageMin: 70,
  ageMax: 72,
  heightCm: 170,
  accent: '河南',
  ethnicity: '汉族',
  features: '左手缺小指',
  lastSeenDate: '2026-10-01',
  lastSeenDivisionCode: '130602',
  lastSeenPlace: '保定市竞秀区',
  lastSeenLat: 38.8739,
  lastSeenLng: 115.4646,
};

/**
 * A family's ranked matches are kept until something they are computed from changes: every story
 * reads twice before a change (so the second answer is the kept one) and expects the change in the
 * very next read — a write path that forgot to retire the kept answers fails here. The kept answer
 * is the family's alone, and equals ranking every open notice afresh.
 */
describe('救助寻亲: a family’s kept matches change at once with the notices and the search, and stay theirs', () => {
  let s: TestServer;
  let station: { auth: Auth };
  let family: { auth: Auth };
  let searchId: number;
  const ids: number[] = [];

  const read = async (auth: Auth = family.auth): Promise<Item[]> => {
    const r = await request(s.url).get(`/api/family-search/searches/${searchId}/matches`).set(auth).expect(200);
    assert.match(r.headers['content-type'], /^application\/json/);
    return r.body.items;
  };
  /** Two reads, the second from what the first kept: the same answer. */
  const readTwice = async (): Promise<Item[]> => {
    const first = await read();
    assert.deepEqual(await read(), first);
    return first;
  };
  const publish = async (over: Record<string, unknown> = {}) => {
    const { body } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice(over))
      .expect(201);
    ids.push(body.id);
    return body.id as number;
  };
  /** What ranking every open notice afresh answers for the search as it is now stored. */
  const scan = async () => {
    const { Notice, Search } = s.app.modules.familySearch.models;
    const row = (await Search.findByPk(searchId, { raw: true }))!;
    const open = (await Notice.findAll({ where: { status: ['open', 'lead', 'verified'] }, raw: true })) as NoticeRow[];
    return open
      .flatMap((n) => {
        const r = similarity(row, n);
        return r ? [{ noticeId: n.id, score: r.score, reasons: r.reasons }] : [];
      })
      .sort((a, b) => b.score - a.score || b.noticeId - a.noticeId)
      .slice(0, 20);
  };
  const scored = (items: Item[]) => items.map(({ noticeId, score, reasons }) => ({ noticeId, score, reasons }));
  const setStatus = (id: number, status: string) =>
    request(s.url).post(`/api/staff/family-search/notices/${id}/status`).set(station.auth).send({ status }).expect(200);

  before(async function () {
    this.timeout(120_000);
    s = await startServer({ DATABASE_URL: await ownDatabase('family_search_kept') });
    station = await staffAt(s.url, ['110105'], ['station_staff'], '救助站张');
    family = await loginCitizen(s.url);
    await publish({ ageMin: 60, ageMax: 66, accent: '四川口音', heightCm: 150 });
    const { body } = await request(s.url).post('/api/family-search/searches').set(family.auth).send(search).expect(201);
    searchId = body.id;
  });
  after(async () => s?.close());

  it('a notice published after the answer was kept is in the family’s next read, ranked first', async () => {
    const before = await readTwice();
    assert.deepEqual(
      before.map((m) => m.noticeId),
      [ids[0]],
    );
    const planted = await publish();
    const after = await read();
    assert.deepEqual(
      after.map((m) => m.noticeId),
      [planted, ids[0]],
    );
    assert.equal(after[0].reasons[0], '性别、年龄段、口音、身高、民族相符');
    assert.match(after[0].summary, /2026-10-20发现于朝阳区建国门外大街公交站/);
  });

  it('another citizen gets 404 for the search while its answer is kept, and their own reads never show it', async () => {
    await readTwice();
    const other = await loginCitizen(s.url);
    const refused = await request(s.url).get(`/api/family-search/searches/${searchId}/matches`).set(other.auth);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.code, 'NOT_FOUND');
    assert.match(refused.body.error.message, /未找到该寻亲登记/);
    await request(s.url).get(`/api/family-search/searches/${searchId}/matches`).expect(401);
    // Their own search with the same description is a different search: its own answer, the same notices.
    const own = await request(s.url).post('/api/family-search/searches').set(other.auth).send(search).expect(201);
    const theirs = await request(s.url)
      .get(`/api/family-search/searches/${own.body.id}/matches`)
      .set(other.auth)
      .expect(200);
    assert.deepEqual(theirs.body.items, await read());
    await request(s.url).get(`/api/family-search/searches/${own.body.id}/matches`).set(family.auth).expect(404);
  });

  it('a notice placed, or reunited after a lead, leaves the next read at once', async () => {
    const extra = await publish({ foundDate: '2026-11-02', foundPlace: '朝阳区三里屯' });
    assert.ok((await readTwice()).some((m) => m.noticeId === extra));
    await setStatus(extra, 'placed');
    assert.ok(!(await readTwice()).some((m) => m.noticeId === extra));

    const planted = ids[1];
    const witness = await realNamedCitizen(s.url, '赵建国', idNumber(bornIn(1980)));
    await request(s.url)
      .post(`/api/family-search/notices/${planted}/leads`)
      .set(witness.auth)
      .send({ content: '像是保定竞秀区走失的王大爷' })
      .expect(201);
    assert.equal((await readTwice())[0].noticeId, planted); // 有线索 is still shown to families
    await setStatus(planted, 'verified');
    assert.equal((await readTwice())[0].noticeId, planted);
    await setStatus(planted, 'reunited');
    assert.deepEqual(
      (await read()).map((m) => m.noticeId),
      [ids[0]],
    );
  });

  it('a change to the search itself gives its new answer at once (the whole search row is in the key)', async () => {
    const fresh = await publish({ foundDate: '2026-11-10', foundPlace: '朝阳区望京' });
    assert.deepEqual(
      (await readTwice()).map((m) => m.noticeId),
      [fresh, ids[0]],
    );
    // There is no edit endpoint yet: the search row is changed as one would (another age looked for).
    const { Search } = s.app.modules.familySearch.models;
    await Search.update({ age_min: 40, age_max: 42 }, { where: { id: searchId } });
    assert.deepEqual(await read(), []);
    await Search.update({ age_min: 58, age_max: 60 }, { where: { id: searchId } });
    const younger = await readTwice();
    assert.deepEqual(scored(younger), await scan());
    assert.equal(younger.find((m) => m.noticeId === fresh)?.reasons[1], '年龄相差约8岁');
    // Withdrawn, the search still answers its family (as before), and only them.
    await request(s.url).delete(`/api/family-search/searches/${searchId}`).set(family.auth).expect(200);
    assert.deepEqual(await read(), younger);
    await Search.update({ age_min: 70, age_max: 72 }, { where: { id: searchId } });
    assert.deepEqual(
      (await read()).map((m) => m.noticeId),
      [fresh, ids[0]],
    );
  });

  it('the kept answer equals ranking every open notice afresh, on the next Beijing day too', async () => {
    const kept = await readTwice();
    assert.deepEqual(scored(kept), await scan());
    s.app.platform.clock.advance(86_400_000);
    try {
      assert.deepEqual(await readTwice(), kept);
    } finally {
      s.app.platform.clock.advance(-86_400_000);
    }
  });
});
