import assert from 'node:assert/strict';
import request from 'supertest';
import { z } from 'zod';
import type { Sequelize } from 'sequelize';
import { onDirectReads } from '../../../bench/lib';
import { startServer, type TestServer } from '../../../test/support/server';
import type { CaseTypeDef } from '../../src/modules/cases';
import { applicationFor, bornIn, idNumber, member, realNamedCitizen } from '../assistance/support';
import { setBeijingTime, staffAt } from './support';

/**
 * The inbox answer is kept and served without SQL until something it shows changes: a case
 * of the reader's 乡镇 / county opened, acted on, reassigned, withdrawn, taken in a batch, or
 * flagged by the daily clock. Each story reads the inbox (kept), makes one change through the
 * API, and reads again: the change shows at once where it belongs and nowhere else. A change
 * that forgot to retire the kept answers fails here (the next read would be the old one).
 */
const TYPE: CaseTypeDef = {
  key: 'keptinbox.permit',
  name: '收件箱保留测试许可',
  numberPrefix: 'KI',
  initialStage: 'accept',
  stages: {
    accept: {
      name: '受理',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'township' },
      clock: { days: 3, unit: 'working' },
      actions: {
        assign: {
          name: '指派调查',
          to: 'survey',
          form: z.object({ assigneeStaffId: z.number().int().positive() }),
          effect: (ctx) => ({ assigneeStaffId: (ctx.form as { assigneeStaffId: number }).assigneeStaffId }),
        },
        forward: { name: '报县级审批', to: 'approve' },
      },
    },
    survey: {
      name: '入户调查',
      status: 'open',
      holder: { kind: 'assignee', role: 'assistance_officer', level: 'township' },
      clock: { days: 10, unit: 'working' },
      actions: {
        reassign: {
          name: '改派调查人员',
          to: 'survey',
          by: { role: 'assistance_officer', level: 'township' },
          form: z.object({ assigneeStaffId: z.number().int().positive() }),
          effect: (ctx) => ({ assigneeStaffId: (ctx.form as { assigneeStaffId: number }).assigneeStaffId }),
        },
      },
    },
    approve: {
      name: '县级审批',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'county' },
      clock: { days: 10, unit: 'working' },
      actions: { grant: { name: '批准', to: 'granted', bulk: true } },
    },
    granted: { name: '已批准', status: 'active', actions: {} },
  },
};

/**
 * How many inbox statements the server has run (its SQL names `holder_kind`): Sequelize's own
 * queries and, on MySQL, the reads sent through mysql2 directly. Background jobs' statements
 * are not the inbox's and are not counted.
 */
function inboxStatements(db: Sequelize): () => number {
  let n = 0;
  const count = (sql: unknown) => {
    if (typeof sql === 'string' && sql.includes('holder_kind')) n++;
  };
  (db as unknown as { addHook(name: 'afterQuery', fn: (o: unknown, q: { sql?: unknown }) => void): unknown }).addHook(
    'afterQuery',
    (_options, query) => count(query.sql),
  );
  onDirectReads(db, (read) => count(read.sql));
  return () => n;
}

type Item = { id: number; number: string; stage: string; flag: string; assignee: { id: number } | null };
type Staff = Awaited<ReturnType<typeof staffAt>>;

describe('Case inbox: kept until a case it shows changes, then the change at once', () => {
  let s: TestServer;
  let statements: () => number;
  // Two 乡镇 of one county no other story uses (one test process shares the database).
  const TOWN = '110105017';
  const OTHER_TOWN = '110105018';
  let clerk: Staff;
  let surveyor: Staff;
  let surveyor2: Staff;
  let otherClerk: Staff;
  let county: Staff;

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    s.app.modules.cases.registerType(TYPE);
    statements = inboxStatements(s.app.platform.db);
    clerk = await staffAt(s.url, [TOWN], ['assistance_officer'], '李受理');
    surveyor = await staffAt(s.url, [TOWN], ['assistance_officer'], '赵调查');
    surveyor2 = await staffAt(s.url, [TOWN], ['assistance_officer'], '陈调查');
    otherClerk = await staffAt(s.url, [OTHER_TOWN], ['assistance_officer'], '孙邻镇');
    county = await staffAt(s.url, ['110105'], ['assistance_officer'], '钱县级');
  });
  after(async () => s.close());

  /** One inbox page (the whole of these test inboxes), as the console reads it. */
  async function inbox(who: Staff, query = '') {
    const { body } = await request(s.url)
      .get(`/api/staff/cases/inbox?page=1&pageSize=100${query}`)
      .set(who.auth)
      .expect(200);
    return body as { items: Item[]; total: number };
  }
  /** Reads twice: the second answer is the first, kept (no statement), and is returned. */
  async function keptInbox(who: Staff, query = '') {
    const first = await inbox(who, query);
    const before = statements();
    const second = await inbox(who, query);
    assert.equal(statements() - before, 0, 'the second read is served from the kept answer');
    assert.deepEqual(second, first);
    return second;
  }
  const ids = (answer: { items: Item[] }) => answer.items.map((i) => i.id);
  const act = async (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) => {
    const view = await request(s.url).get(`/api/staff/cases/${id}`).set(who.auth).expect(200);
    const res = await request(s.url)
      .post(`/api/staff/cases/${id}/actions/${action}`)
      .set(who.auth)
      .send({ ...body, version: view.body.version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const open = async (division: string, title: string) => {
    const citizen = await realNamedCitizen(s.url, '林晓', idNumber(bornIn(1980), '4'));
    return s.app.modules.cases.open({
      type: TYPE.key,
      applicantUserId: citizen.user.id,
      divisionCode: division,
      title,
      acting: { kind: 'citizen', userId: citizen.user.id, displayName: '林*' },
    });
  };

  it('a citizen applies, then withdraws: the 乡镇 clerk sees it come and go, the other 乡镇 never', async () => {
    setBeijingTime(s, '2026-03-02'); // a Monday
    const mine = await keptInbox(clerk);
    const theirs = await keptInbox(otherClerk);

    const headId = idNumber(bornIn(1979), '2');
    const family = await realNamedCitizen(s.url, '欧阳梅', headId);
    const applied = await request(s.url)
      .post('/api/assistance/applications')
      .set(family.auth)
      .send(applicationFor(family, [member('欧阳梅', headId, '本人')], { divisionCode: `${TOWN}004` }));
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    const { caseId, number } = applied.body as { caseId: number; number: string };

    const cold = statements();
    const after = await inbox(clerk);
    assert.ok(statements() > cold, 'read afresh after the change');
    assert.equal(after.total, mine.total + 1);
    assert.ok(ids(after).includes(caseId), 'the new application is in the clerk’s inbox at once');
    const otherAfter = await inbox(otherClerk);
    assert.deepEqual(otherAfter, theirs, 'another 乡镇’s inbox is untouched');

    // Kept again until the family withdraws (the assistance module acts through the engine).
    await keptInbox(clerk);
    await request(s.url)
      .post(`/api/assistance/applications/${number}/withdraw`)
      .set(family.auth)
      .send({ reason: '家庭情况好转' })
      .expect(200);
    const withdrawn = await inbox(clerk);
    assert.equal(withdrawn.total, mine.total);
    assert.ok(!ids(withdrawn).includes(caseId));
    assert.ok(!ids(await inbox(otherClerk)).includes(caseId));
  });

  it('a reviewer acts: the case leaves the 乡镇 inbox and enters the county’s at once', async () => {
    setBeijingTime(s, '2026-03-03');
    const ref = await open(`${TOWN}002`, '测试家庭甲（2人）');
    const countyBefore = await keptInbox(county);
    assert.ok(!ids(countyBefore).includes(ref.id), 'a 乡镇 stage is not the county’s work');
    const clerkBefore = await keptInbox(clerk);
    assert.ok(ids(clerkBefore).includes(ref.id));
    const theirs = await keptInbox(otherClerk);

    await act(clerk, ref.id, 'forward');
    assert.ok(!ids(await inbox(clerk)).includes(ref.id), 'gone from the 乡镇 inbox');
    const countyAfter = await inbox(county);
    assert.ok(ids(countyAfter).includes(ref.id), 'in the county’s inbox at once');
    assert.equal(countyAfter.total, countyBefore.total + 1);
    assert.deepEqual(await inbox(otherClerk), theirs);

    // The county grants in a batch: its kept inbox retires too.
    await keptInbox(county);
    const bulk = await request(s.url)
      .post('/api/staff/cases/bulk')
      .set(county.auth)
      .send({ caseIds: [ref.id], action: 'grant', opinion: '同意' });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    const granted = await inbox(county);
    assert.ok(!ids(granted).includes(ref.id));
    assert.equal(granted.total, countyBefore.total);
  });

  it('a case is reassigned: it leaves one worker’s inbox and enters the other’s at once', async () => {
    setBeijingTime(s, '2026-03-04');
    const ref = await open(`${TOWN}005`, '测试家庭乙（3人）');
    // At 受理 it is every officer's of the 乡镇; once assigned, only the named worker's.
    const first = await keptInbox(surveyor);
    assert.equal(first.items.find((i) => i.id === ref.id)?.stage, 'accept');
    await act(clerk, ref.id, 'assign', { form: { assigneeStaffId: surveyor.id } });
    const assigned = await inbox(surveyor);
    const item = assigned.items.find((i) => i.id === ref.id);
    assert.equal(item?.stage, 'survey');
    assert.equal(item?.assignee?.id, surveyor.id, 'the named worker sees it at once');
    assert.ok(!ids(await inbox(clerk)).includes(ref.id), 'and no one else of the 乡镇');

    await keptInbox(surveyor);
    const other = await keptInbox(surveyor2);
    assert.ok(!ids(other).includes(ref.id));
    await act(clerk, ref.id, 'reassign', { form: { assigneeStaffId: surveyor2.id } });
    assert.ok(!ids(await inbox(surveyor)).includes(ref.id), 'gone from the first worker’s inbox');
    const now = await inbox(surveyor2);
    assert.equal(now.items.find((i) => i.id === ref.id)?.assignee?.id, surveyor2.id);
    assert.ok(!ids(await inbox(otherClerk)).includes(ref.id));
  });

  it('the daily clock flags a case overdue: the next read shows the flag', async () => {
    setBeijingTime(s, '2026-03-09'); // a Monday
    const ref = await open(`${TOWN}006`, '测试家庭丙（1人）');
    const fresh = await keptInbox(clerk, '&flag=overdue');
    assert.ok(!ids(fresh).includes(ref.id));
    await keptInbox(otherClerk, '&flag=overdue');

    // Days on, the deadline (3 working days) has passed; the clock has not run yet, so the
    // new day's answer (kept under the new date) still shows the case unflagged.
    setBeijingTime(s, '2026-03-16');
    const unflagged = await keptInbox(clerk);
    assert.notEqual(unflagged.items.find((i) => i.id === ref.id)?.flag, 'overdue');
    await keptInbox(clerk, '&flag=overdue');
    await keptInbox(county, '&flag=overdue');

    // The clock's own run (in one test process an earlier story's job of the same id may
    // still stand in the shared queue, and a second enqueue is then ignored).
    await s.app.modules.cases.clock.run();
    const flagged = await inbox(clerk);
    assert.equal(flagged.items.find((i) => i.id === ref.id)?.flag, 'overdue', 'flagged at once');
    assert.ok(ids(await inbox(clerk, '&flag=overdue')).includes(ref.id));
    // Another 乡镇 never sees it (its own overdue cases, if any, may have been flagged too).
    assert.ok(!ids(await inbox(otherClerk, '&flag=overdue')).includes(ref.id));

    // A clock run that changes nothing leaves the kept answers standing.
    await keptInbox(clerk);
    await s.app.modules.cases.clock.run();
    const before = statements();
    await inbox(clerk);
    assert.equal(statements() - before, 0, 'still kept after a run that flagged nothing');
  });
});
