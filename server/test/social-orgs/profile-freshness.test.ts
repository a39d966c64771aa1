import assert from 'node:assert/strict';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { TEST_REDIS_URL } from '../../../test/support/env';
import { createOrg, daysAgo, newUscc, officer, orgBody, uniqueName } from './helpers';

/**
 * A profile is read once and kept (as one row in the database, org_profiles, and as JSON bytes
 * in each process that asked for it; the shared cache holds no copy). Whatever part
 * of the record an officer changes — a rename, a listing on the abnormal or the serious list, a
 * removal, an inspection, a penalty, a rating — the next read shows it: at once on the server
 * that made the change, and on another server sharing the database and the cache as soon as it
 * sees the register's new version (each looks every 250 ms). Many first look-ups at once are
 * read together, and each citizen gets the organization asked for.
 */
describe('An organization profile kept after its first read is never stale', () => {
  let a: TestServer;
  let b: TestServer | undefined;
  let beijing: Awaited<ReturnType<typeof officer>>;
  before(async () => {
    a = await startServer();
    // A second server process shares the cache only through Redis (embedded mode is one process).
    if (TEST_REDIS_URL) b = await startServer();
    beijing = await officer(a.url, ['11']);
  });
  after(async () => {
    await b?.close();
    await a.close();
  });

  const profile = async (url: string, uscc: string) =>
    (await request(url).get(`/api/social-orgs/${uscc}`).expect(200)).body;
  /** The other server's answer once it has seen the change; fails if it keeps the old profile. */
  async function onOtherServer(uscc: string, fresh: (p: Record<string, any>) => boolean) {
    if (!b) return;
    let last: Record<string, any> = {};
    for (let i = 0; i < 100; i++) {
      last = await profile(b.url, uscc);
      if (fresh(last)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the other server still shows the old profile: ${JSON.stringify(last).slice(0, 300)}`);
  }
  /** Reads the profile on both servers (so both keep it), changes it, and checks both show the change. */
  async function change(
    uscc: string,
    act: () => Promise<unknown>,
    fresh: (p: Record<string, any>) => boolean,
  ): Promise<void> {
    assert.equal(fresh(await profile(a.url, uscc)), false, 'the change is not there before it is made');
    if (b) assert.equal(fresh(await profile(b.url, uscc)), false);
    await act();
    const next = await profile(a.url, uscc);
    assert.ok(fresh(next), `the next read shows the change: ${JSON.stringify(next).slice(0, 300)}`);
    await onOtherServer(uscc, fresh);
  }

  it('shows a rename, listings, a removal, an inspection, a penalty and a rating on the next read', async () => {
    const org = await createOrg(a.url, beijing.auth);
    const staff = (path: string) => request(a.url).post(`/api/staff/social-orgs/${org.uscc}${path}`).set(beijing.auth);
    const newName = uniqueName();

    await change(
      org.uscc,
      () =>
        request(a.url)
          .patch(`/api/staff/social-orgs/${org.uscc}`)
          .set(beijing.auth)
          .send({ name: newName })
          .expect(200),
      (p) => p.org.name === newName,
    );

    let abnormalId = 0;
    await change(
      org.uscc,
      async () => {
        const r = await staff('/credit-entries')
          .send({
            list: 'abnormal',
            reasonCategory: 'unreachable',
            decisionNo: '京民社异〔2026〕7号',
            authority: '北京市朝阳区民政局',
            dateIn: daysAgo(0),
          })
          .expect(201);
        abnormalId = r.body.entry.id;
      },
      (p) => p.creditStatus === 'abnormal' && p.org.creditStatus === 'abnormal' && p.creditHistory.length === 1,
    );

    await change(
      org.uscc,
      () =>
        staff('/credit-entries')
          .send({
            list: 'serious',
            reasonCategory: 'large_fine',
            decisionNo: '京民失〔2026〕2号',
            authority: '北京市朝阳区民政局',
            dateIn: daysAgo(0),
          })
          .expect(201),
      (p) => p.creditStatus === 'serious' && p.creditHistory.length === 2,
    );

    await change(
      org.uscc,
      () =>
        staff(`/credit-entries/${abnormalId}/removal`)
          .send({ dateOut: daysAgo(0), reasonOut: '已按要求整改', decisionNo: '京民社出〔2026〕1号' })
          .expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body))),
      (p) => p.creditHistory.some((e: { id: number; dateOut: string | null }) => e.id === abnormalId && e.dateOut),
    );

    await change(
      org.uscc,
      () => staff('/inspections').send({ year: 2024, kind: 'annual_report', result: 'qualified' }).expect(201),
      (p) => p.inspections.length === 1 && p.inspections[0].resultName === '合格',
    );

    await change(
      org.uscc,
      () =>
        staff('/penalties')
          .send({
            decisionNo: '京朝民罚〔2025〕9号',
            authority: '北京市朝阳区民政局',
            date: '2025-04-02',
            kind: '警告',
            reason: '未按规定报送年度工作报告',
          })
          .expect(201),
      (p) => p.penalties.length === 1 && p.penalties[0].decisionNo === '京朝民罚〔2025〕9号',
    );

    await change(
      org.uscc,
      () => staff('/ratings').send({ level: 4, validFrom: '2024-01-01', authority: '北京市朝阳区民政局' }).expect(201),
      (p) => p.rating?.label === '4A',
    );
  });

  it('answers many first look-ups at once, each with its own organization', async () => {
    const orgs: Awaited<ReturnType<typeof createOrg>>[] = [];
    for (let i = 0; i < 6; i++) orgs.push(await createOrg(a.url, beijing.auth));
    const unknown = newUscc();
    const codes = [...orgs.map((o) => o.uscc), unknown, orgs[0].uscc.toLowerCase()];
    const answers = await Promise.all(codes.map((c) => request(a.url).get(`/api/social-orgs/${c}`)));
    answers.forEach((r, i) => {
      if (codes[i] === unknown) return assert.equal(r.status, 404);
      assert.equal(r.status, 200);
      assert.equal(r.body.org.uscc, codes[i].toUpperCase());
      assert.equal(r.body.org.name, orgs.find((o) => o.uscc === codes[i].toUpperCase())!.name);
    });
  });

  it('answers another server from the kept row byte for byte, and finds a code registered after a look-up missed it', async () => {
    // Characters of one to four UTF-8 bytes: the kept row's bytes are sent as they come.
    const org = await createOrg(a.url, beijing.auth, {
      address: '北京市朝阳区建国路88号 𠮷野家 №3 — “东”楼',
      businessScope: '书法交流、展览、培训；𪚥字研究',
    });
    const first = await request(a.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
    assert.equal(first.body.org.address, '北京市朝阳区建国路88号 𠮷野家 №3 — “东”楼');
    assert.match(String(first.headers['content-type']), /^application\/json/);
    if (b) {
      // The other server has no copy of its own: its first look-up reads the row the first kept
      // (or builds it, if that write has not landed yet) and answers the same bytes.
      const other = await request(b.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
      assert.equal(other.text, first.text);
      for (let i = 0; i < 100; i++) {
        const [kept] = (await a.app.platform.db.query(
          'SELECT k.body FROM org_profiles k JOIN social_orgs o ON o.id = k.org_id WHERE o.uscc = :uscc',
          { replacements: { uscc: org.uscc }, type: QueryTypes.SELECT },
        )) as { body: string | null }[];
        if (kept?.body) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const third = await startServer();
      try {
        const fromKept = await request(third.url).get(`/api/social-orgs/${org.uscc}`).expect(200);
        assert.equal(fromKept.text, first.text, 'a third server sends the kept row: the same answer');
      } finally {
        await third.close();
      }
    }

    // A code not on record is answered 404 on both servers (and that answer kept in each), then
    // registered on one: the next look-up finds it there, and on the other once it sees the change.
    const later = orgBody();
    await request(a.url).get(`/api/social-orgs/${later.uscc}`).expect(404);
    if (b) await request(b.url).get(`/api/social-orgs/${later.uscc}`).expect(404);
    await request(a.url).post('/api/staff/social-orgs').set(beijing.auth).send(later).expect(201);
    assert.equal((await profile(a.url, later.uscc)).org.name, later.name);
    if (b) {
      for (let i = 0; i < 100; i++) {
        const r = await request(b.url).get(`/api/social-orgs/${later.uscc}`);
        if (r.status === 200) return assert.equal(r.body.org.name, later.name);
        assert.equal(r.status, 404);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail('the other server still answers 404 for an organization registered since');
    }
  });
});
