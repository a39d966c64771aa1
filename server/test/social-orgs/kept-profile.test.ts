import assert from 'node:assert/strict';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { addMonths, DAY_MS } from '../../src/platform/clock';
import { answerFor, keepProfiles, NO_END } from '../../src/modules/social-orgs/kept-profiles';
import { createOrg, officer, uniqueName } from './helpers';

/**
 * Each organization's profile is kept as one row (`org_profiles`, kept-profiles.ts) that a first
 * look-up sends as it is. Whatever part of the record changes — a rename, a listing on either
 * list, a removal, an inspection, a penalty, a rating, a transition the daily job persists —
 * the change retires the row before it answers, and the next first look-up shows the change
 * (and keeps the new profile). A profile holds only until the first day it may read
 * differently (an automatic exit falling due), and a profile built before a change is never
 * kept after it.
 */
describe('A kept profile: one row a first look-up sends, retired by every change to its parts', () => {
  let s: TestServer;
  let beijing: Awaited<ReturnType<typeof officer>>;
  before(async () => {
    s = await startServer();
    beijing = await officer(s.url, ['11']);
  });
  after(async () => s.close());

  type Kept = {
    org_id: number;
    rev: number;
    body: string | null;
    valid_from: string | null;
    valid_until: string | null;
  };
  const kept = async (uscc: string): Promise<Kept | undefined> =>
    (
      (await s.app.platform.db.query(
        'SELECT k.org_id, k.rev, k.body, k.valid_from, k.valid_until FROM org_profiles k JOIN social_orgs o ON o.id = k.org_id WHERE o.uscc = :uscc',
        { replacements: { uscc }, type: QueryTypes.SELECT },
      )) as Kept[]
    )[0];
  /** The kept row once the look-up's (unawaited) write has landed. */
  async function keptBody(uscc: string, day?: string): Promise<Kept> {
    for (let i = 0; i < 100; i++) {
      const k = await kept(uscc);
      if (k?.body && (!day || k.valid_from === day)) return k;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail(`no profile kept for ${uscc}`);
  }
  /** Retires every cached answer (not the kept rows): the next look-up is a first one. */
  async function forgetCachedAnswers() {
    await s.app.platform.cache.incr('so:gen', 86400_000);
    await new Promise((r) => setTimeout(r, 300)); // the version is re-read every 250 ms
  }
  const lookUp = (uscc: string) => request(s.url).get(`/api/social-orgs/${uscc}`).expect(200);
  const staff = (uscc: string, path: string) =>
    request(s.url).post(`/api/staff/social-orgs/${uscc}${path}`).set(beijing.auth);

  it('keeps the profile a first look-up built and sends the kept row on the next first look-up', async () => {
    const org = await createOrg(s.url, beijing.auth);
    const first = await lookUp(org.uscc);
    const today = s.app.platform.clock.today();
    const k = await keptBody(org.uscc);
    assert.equal(k.valid_from, today);
    assert.equal(k.valid_until, NO_END, 'nothing in it depends on a later day');
    assert.equal(first.text, answerFor(today, k.body!), 'the kept row is the answer without its day');

    // Proof the kept row is what a first look-up sends: a marked row comes back as it is.
    const marked = k.body!.replace(org.name, '标记的名称');
    await s.app.platform.db.query('UPDATE org_profiles SET body = :marked WHERE org_id = :id', {
      replacements: { marked, id: k.org_id },
    });
    await forgetCachedAnswers();
    assert.equal((await lookUp(org.uscc)).body.org.name, '标记的名称');
  });

  it('retires the kept row on every kind of change, and the next first look-up shows the change', async () => {
    const org = await createOrg(s.url, beijing.auth);
    /** The row is kept; the change retires it before it answers; the next look-up is fresh and kept anew. */
    async function change(what: string, act: () => Promise<unknown>, fresh: (p: Record<string, any>) => boolean) {
      const before = await lookUp(org.uscc);
      assert.equal(fresh(before.body), false, `${what}: not there before`);
      const k = await keptBody(org.uscc);
      await act();
      const retired = await kept(org.uscc);
      assert.equal(retired?.body, null, `${what}: the kept row is retired by the change`);
      assert.ok(retired!.rev > k.rev, `${what}: the revision moved`);
      const next = await lookUp(org.uscc);
      assert.ok(fresh(next.body), `${what}: the next first look-up shows it: ${next.text.slice(0, 300)}`);
      const again = await keptBody(org.uscc);
      assert.equal(next.text, answerFor(next.body.asOf, again.body!), `${what}: the new profile is kept`);
    }
    const today = s.app.platform.clock.today();
    const newName = uniqueName();
    await change(
      'a rename',
      () =>
        request(s.url)
          .patch(`/api/staff/social-orgs/${org.uscc}`)
          .set(beijing.auth)
          .send({ name: newName })
          .expect(200),
      (p) => p.org.name === newName,
    );
    let abnormalId = 0;
    await change(
      'an abnormal listing',
      async () => {
        const r = await staff(org.uscc, '/credit-entries')
          .send({
            list: 'abnormal',
            reasonCategory: 'unreachable',
            decisionNo: '京民社异〔2026〕8号',
            authority: '北京市朝阳区民政局',
            dateIn: today,
          })
          .expect(201);
        abnormalId = r.body.entry.id;
      },
      (p) => p.creditStatus === 'abnormal' && p.org.creditStatus === 'abnormal',
    );
    await change(
      'a serious listing',
      () =>
        staff(org.uscc, '/credit-entries')
          .send({
            list: 'serious',
            reasonCategory: 'large_fine',
            decisionNo: '京民失〔2026〕3号',
            authority: '北京市朝阳区民政局',
            dateIn: today,
          })
          .expect(201),
      (p) => p.creditStatus === 'serious',
    );
    await change(
      'a removal',
      () =>
        staff(org.uscc, `/credit-entries/${abnormalId}/removal`)
          .send({ dateOut: today, reasonOut: '已按要求整改', decisionNo: '京民社出〔2026〕2号' })
          .expect((r) => assert.ok(r.status < 300, JSON.stringify(r.body))),
      (p) => p.creditHistory.some((e: { id: number; dateOut: string | null }) => e.id === abnormalId && e.dateOut),
    );
    await change(
      'an inspection',
      () =>
        staff(org.uscc, '/inspections').send({ year: 2024, kind: 'annual_report', result: 'qualified' }).expect(201),
      (p) => p.inspections.length === 1,
    );
    await change(
      'a penalty',
      () =>
        staff(org.uscc, '/penalties')
          .send({
            decisionNo: '京朝民罚〔2025〕10号',
            authority: '北京市朝阳区民政局',
            date: '2025-04-02',
            kind: '警告',
            reason: '未按规定报送年度工作报告',
          })
          .expect(201),
      (p) => p.penalties.length === 1,
    );
    await change(
      'a rating',
      () =>
        staff(org.uscc, '/ratings')
          .send({ level: 4, validFrom: '2024-01-01', authority: '北京市朝阳区民政局' })
          .expect(201),
      (p) => p.rating?.label === '4A',
    );

    // The daily job: an abnormal listing uncorrected for 2 years is persisted as an escalation.
    const old = await createOrg(s.url, beijing.auth);
    await staff(old.uscc, '/credit-entries')
      .send({
        list: 'abnormal',
        reasonCategory: 'annual_report_missing',
        decisionNo: '京民社异〔2024〕1号',
        authority: '北京市朝阳区民政局',
        dateIn: addMonths(today, -25),
      })
      .expect(201);
    const escalated = (p: Record<string, any>) => p.transitions.some((t: { kind: string }) => t.kind === 'escalate');
    assert.equal(escalated((await lookUp(old.uscc)).body), false);
    const k = await keptBody(old.uscc);
    assert.ok((await s.app.modules.socialOrgs.applyCreditRules(today)).applied >= 1);
    assert.equal((await kept(old.uscc))?.body, null, 'the job retires the kept row');
    const next = await lookUp(old.uscc);
    assert.ok(escalated(next.body), next.text.slice(0, 300));
    assert.ok((await keptBody(old.uscc)).rev > k.rev);
  });

  it('never keeps a profile built before a change', async () => {
    const org = await createOrg(s.url, beijing.auth);
    await lookUp(org.uscc);
    const k = await keptBody(org.uscc);
    await request(s.url)
      .patch(`/api/staff/social-orgs/${org.uscc}`)
      .set(beijing.auth)
      .send({ name: uniqueName() })
      .expect(200);
    // A look-up that read the record before the change writes after it: refused by the revision.
    const day = s.app.platform.clock.today();
    await keepProfiles(s.app.platform.db, [
      { orgId: k.org_id, rev: k.rev, body: k.body!, validFrom: day, validUntil: NO_END },
    ]);
    assert.equal((await kept(org.uscc))?.body, null);
  });

  it('holds a profile until the first day it reads differently, then builds it for the new day', async () => {
    const org = await createOrg(s.url, beijing.auth);
    const today = s.app.platform.clock.today();
    // Needs no correction: leaves the list by itself 6 months after it came in.
    await staff(org.uscc, '/credit-entries')
      .send({
        list: 'abnormal',
        reasonCategory: 'warning_or_fine',
        decisionNo: '京民社异〔2026〕9号',
        authority: '北京市朝阳区民政局',
        dateIn: today,
      })
      .expect(201);
    assert.equal((await lookUp(org.uscc)).body.creditStatus, 'abnormal');
    const exit = addMonths(today, 6);
    assert.equal((await keptBody(org.uscc)).valid_until, exit);

    s.app.platform.clock.advance(Date.parse(exit) - Date.parse(today) + DAY_MS / 2);
    const later = s.app.platform.clock.today();
    assert.ok(later >= exit, later);
    const after = await lookUp(org.uscc);
    assert.equal(after.body.asOf, later);
    assert.equal(after.body.creditStatus, 'normal', 'the kept row of the old day is not sent');
    const rebuilt = await keptBody(org.uscc, later);
    assert.equal(rebuilt.valid_from, later);
  });
});
