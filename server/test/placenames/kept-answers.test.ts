import assert from 'node:assert/strict';
import request from 'supertest';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';

type Auth = Record<string, string>;

/** 南京市栖霞区: the names of this story are its own (the other stories name places in 北京). */
const QIXIA = '320113';

describe('Place-name search: answers kept until an announcement changes the register, in every process', () => {
  let s: TestServer;
  let officer: { auth: Auth };
  let nameId: number;

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    officer = await staffAt(s.url, [QIXIA], ['placename_officer'], '王地名');
    // The names held in the process (PLACE_NAME_INDEX) answer first-time searches from here on.
    await s.app.modules.placeNames.search.heldNamesLoaded();
  });
  after(async () => s?.close());

  const names = async (query: string, url = s.url) =>
    (await request(url).get(`/api/place-names?${query}`).expect(200)).body.items.map((i: { name: string }) => i.name);
  const announce = (body: Record<string, unknown>) =>
    request(s.url)
      .post('/api/staff/place-names/announcements')
      .set(officer.auth)
      .send({ approvalBody: '南京市人民政府', approvalDate: '2025-03-01', ...body })
      .expect(201);
  const qixia = `q=${encodeURIComponent('栖霞')}`;

  it('shows a new name, a rename and a cancellation on the very next search, though answers are kept', async () => {
    // Asked before the name exists (each answer is kept from its second ask on).
    assert.deepEqual(await names(qixia), []);
    assert.deepEqual(await names('q=qixia'), []);
    assert.deepEqual(await names('q=qxxc'), []);

    const named = await announce({
      action: 'name',
      name: '栖霞新村',
      category: 'settlement',
      divisionCode: QIXIA,
      location: '栖霞区尧化街道',
    });
    nameId = named.body.placeNameId;
    assert.deepEqual(await names(qixia), ['栖霞新村']);
    assert.deepEqual(await names('q=qixia'), ['栖霞新村']);
    assert.deepEqual(await names('q=qxxc'), ['栖霞新村']);
    assert.deepEqual(await names(`division=${QIXIA}`), ['栖霞新村']);

    // The answer is kept: a row slipped into the table behind the register's back (no
    // announcement) is not read by the next search — neither kept answers nor the names held in
    // the process know of it until their next full load (createLiveRows)…
    await s.app.modules.placeNames.models.PlaceName.create({
      name: '栖霞旧街',
      pinyin: 'Qixiajiujie',
      pinyin_key: 'qixiajiujie',
      initials: 'qxjj',
      category: 'settlement',
      division_code: QIXIA,
      location: '栖霞区',
      lng: null,
      lat: null,
      meaning: '',
      history: '',
      approval_body: '南京市人民政府',
      approval_date: '2025-03-01',
      status: 'current',
      former_name: null,
      created_at: new Date(),
      updated_at: new Date(),
    });
    assert.deepEqual(await names(qixia), ['栖霞新村'], 'a warm search is answered from what was kept');

    // …and the next announcement retires every kept answer: the rename is seen at once (the
    // slipped row still is not: only announced names reach the held names between full loads).
    await announce({ action: 'rename', placeNameId: nameId, name: '栖霞中路' });
    assert.deepEqual(await names(qixia), ['栖霞中路']);
    assert.deepEqual(await names('q=qixiaxin'), []);
    assert.deepEqual(await names('q=qixiazhong'), ['栖霞中路']);
    assert.deepEqual(await names('q=qxxc'), []);

    await announce({ action: 'cancel', placeNameId: nameId });
    assert.deepEqual(await names(qixia), []);
    assert.deepEqual(await names('q=qxzl'), []);
  });

  it('keeps an answer from its second ask: a prefix asked once is answered and not kept', async () => {
    const search = s.app.modules.placeNames.search;
    const query = { q: '栖霞仙', page: 1, pageSize: 20 };
    const answers = [await search.searchJson(query), await search.searchJson(query), await search.searchJson(query)];
    assert.notEqual(answers[0], answers[1], 'asked once: built for that answer only');
    assert.equal(answers[1], answers[2], 'asked again: kept, the same bytes sent from then on');
    assert.deepEqual(answers[0], answers[1]);
  });

  it('shows an announcement made through another process on that process’s very next search', async function () {
    if (!TEST_REDIS_URL) {
      console.warn('    (needs REDIS_URL: processes share the answers’ version through Redis; skipping)');
      this.skip();
    }
    const other = await startServer();
    await other.app.modules.placeNames.search.heldNamesLoaded();
    try {
      for (let round = 1; round <= 5; round++) {
        const name = `栖霞${'一二三四五'[round - 1]}号路`;
        // Kept by the other process (asked twice), then a name announced here…
        const before = await names(qixia, other.url);
        assert.deepEqual(await names(qixia, other.url), before);
        await announce({
          action: 'name',
          name,
          category: 'settlement',
          divisionCode: QIXIA,
          location: '栖霞区',
        });
        // …is in the other process's very next answer, with no wait for a poll.
        assert.ok((await names(qixia, other.url)).includes(name), `round ${round}: ${name} not yet seen`);
      }
    } finally {
      await other.close();
    }
  });
});
