import assert from 'node:assert/strict';
import { literal, type Model, type ModelStatic, Op, QueryTypes } from 'sequelize';
import request from 'supertest';
import { z } from 'zod';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import type { StaffPrincipal } from '../../src/platform/context';
import type { CaseTypeDef } from '../../src/modules/cases';
import { inboxWhere } from '../../src/modules/cases/inbox';
import { holderName } from '../../src/modules/cases/organs';
import { workingDaysBetween } from '../../src/modules/halls';
import { setBeijingTime, staffAt } from './support';

/**
 * The inbox answers from its own SQL (read through mysql2 directly on MySQL). Each answer —
 * every scope, filter and page — must be, byte for byte, the answer built from the same cases
 * read through Sequelize's model (the engine's older query shape, `inboxWhere`, which the
 * summary still uses): same cases, same order, same total, same values and types.
 */
const TYPE: CaseTypeDef = {
  key: 'inboxtest.permit',
  name: '收件箱测试许可',
  numberPrefix: 'IB',
  initialStage: 'accept',
  citizenPage: '/packages/test/case',
  markNames: { kin: '近亲属备案' },
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
        hold: { name: '暂缓', to: 'hold' },
      },
    },
    survey: {
      name: '入户调查',
      status: 'open',
      holder: { kind: 'assignee', role: 'assistance_officer', level: 'township' },
      clock: { days: 10, unit: 'working' },
      actions: { submit: { name: '提交', to: 'approve', effect: () => ({ amountCents: 56789 }) } },
    },
    // No clock: no due date (such cases come last).
    hold: {
      name: '暂缓办理',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'township' },
      actions: { resume: { name: '恢复', to: 'approve' } },
    },
    approve: {
      name: '县级确认',
      status: 'open',
      holder: { kind: 'staff', role: 'assistance_officer', level: 'county' },
      clock: { days: 10, unit: 'working' },
      actions: { grant: { name: '批准', to: 'granted' } },
    },
    granted: { name: '已批准', status: 'active', actions: {} },
  },
};

type Row = {
  id: number;
  number: string;
  type: string;
  stage: string;
  title: string;
  division_code: string;
  assignee_staff_id: number | null;
  stage_entered_on: string;
  due_on: string | null;
  due_provisional: boolean | number;
  flag: string;
  marks: string;
  amount_cents: number | null;
  version: number;
};

describe('Case inbox: the same answer, byte for byte, for every scope, filter and page', () => {
  let s: TestServer;
  const accounts: Array<{ label: string; principal: StaffPrincipal; auth: Record<string, string> }> = [];

  before(async function () {
    // A database reset, 24 cases opened and some moved on: slow on a loaded shared machine.
    this.timeout(180_000);
    s = await startServer();
    s.app.modules.cases.registerType(TYPE);
    const citizen = await loginCitizen(s.url);
    const account = async (label: string, prefixes: string[], roles: string[], name: string) => {
      const a = await staffAt(s.url, prefixes, roles, name);
      accounts.push({
        label,
        principal: { id: a.id, roles, scope: { divisions: prefixes, halls: [] } } as unknown as StaffPrincipal,
        auth: a.auth,
      });
      return a;
    };
    const clerk = await account('乡镇 clerk', ['440306001'], ['assistance_officer'], '李受理');
    const surveyor = await account('surveyor', ['440306001'], ['assistance_officer'], '赵调查');
    const other = await account('two 乡镇', ['440306001', '440306002'], ['assistance_officer'], '孙两镇');
    await account('county', ['440306'], ['assistance_officer'], '钱县级');
    await account('county and a 乡镇 elsewhere', ['440306', '320106001'], ['assistance_officer'], '周混合');
    await account('another role', ['440306001'], ['elderly_officer'], '吴养老');

    // Divisions no other story uses (in one test process they share the database).
    // Late in 2027: deadlines running into 2028 are provisional.
    setBeijingTime(s, '2027-12-13'); // a Monday
    const divisions = ['440306001003', '440306001007', '440306002001', '440306003004', '320106001002', '320106002001'];
    const opened: number[] = [];
    for (let i = 0; i < 24; i++) {
      if (i % 6 === 0) setBeijingTime(s, `2027-12-${String(13 + i / 6).padStart(2, '0')}`);
      const ref = await s.app.modules.cases.open({
        type: TYPE.key,
        applicantUserId: citizen.user.id,
        divisionCode: divisions[i % divisions.length],
        title: `测试家庭${i}（${(i % 4) + 1}人）`,
        acting: { kind: 'citizen', userId: citizen.user.id, displayName: '张*' },
        marks: i % 4 === 0 ? ['kin'] : [],
      });
      opened.push(ref.id);
    }
    const act = async (auth: Record<string, string>, id: number, action: string, body = {}) => {
      const view = await request(s.url).get(`/api/staff/cases/${id}`).set(auth).expect(200);
      await request(s.url)
        .post(`/api/staff/cases/${id}/actions/${action}`)
        .set(auth)
        .send({ ...body, version: view.body.version })
        .expect(200);
    };
    // Cases of 440306001 (the first two of every six) move on in different ways.
    const mine = opened.filter((_, i) => i % 6 < 2);
    for (const [n, id] of mine.entries()) {
      if (n % 4 === 0) await act(clerk.auth, id, 'assign', { form: { assigneeStaffId: surveyor.id } });
      if (n % 4 === 1) await act(clerk.auth, id, 'hold');
      if (n % 4 === 2) {
        await act(clerk.auth, id, 'assign', { form: { assigneeStaffId: other.id } });
        await act(other.auth, id, 'submit');
      }
    }
    // Some days on: 受理 deadlines pass or come near (the daily clock flags them).
    setBeijingTime(s, '2027-12-20');
    // The clock's own run (in one test process an earlier story's job of the same id may
    // still stand in the shared queue, and a second enqueue is then ignored).
    await s.app.modules.cases.clock.run();
  });
  after(async () => s.close());

  const FILTERS: Array<Record<string, string>> = [
    {},
    { type: TYPE.key },
    { stage: 'accept' },
    { stage: 'survey' },
    { flag: 'overdue' },
    { flag: 'near' },
    { type: 'nobody.registers.this' },
  ];

  async function expected(principal: StaffPrincipal, filters: Record<string, string>, page: number, pageSize: number) {
    const Case = s.app.platform.db.models.Case as ModelStatic<Model>;
    const where = {
      [Op.and]: [
        inboxWhere(
          principal,
          s.app.modules.cases.describeTypes().map((t) => t.key),
        ),
        filters,
      ],
    };
    const total = await Case.count({ where });
    const rows = (await Case.findAll({
      where,
      order: [literal('due_on IS NULL'), ['due_on', 'ASC'], ['id', 'ASC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
      raw: true,
    })) as unknown as Row[];
    const today = s.app.platform.clock.today();
    const items = [];
    for (const row of rows) {
      const type = s.app.modules.cases.describeTypes().find((t) => t.key === row.type)!;
      const stage = type.stages.find((st) => st.key === row.stage)!;
      const assignee = row.assignee_staff_id
        ? (
            await s.app.platform.db.query<{ display_name: string }>(
              'SELECT display_name FROM staff_accounts WHERE id = ?',
              { replacements: [row.assignee_staff_id], type: QueryTypes.SELECT },
            )
          )[0].display_name
        : null;
      items.push({
        id: row.id,
        number: row.number,
        type: row.type,
        typeName: type.name,
        stage: row.stage,
        stageName: stage.name,
        title: row.title,
        divisionCode: row.division_code,
        heldBy: holderName(stage.holder ?? undefined, row.division_code),
        assignee: row.assignee_staff_id ? { id: row.assignee_staff_id, name: assignee } : null,
        enteredOn: row.stage_entered_on,
        dueOn: row.due_on,
        dueProvisional: Boolean(row.due_provisional),
        workingDaysLeft: row.due_on && row.due_on >= today ? workingDaysBetween(today, row.due_on) : null,
        flag: row.flag,
        marks: (JSON.parse(row.marks) as string[]).map((key) => ({ key, name: TYPE.markNames?.[key] ?? key })),
        amountCents: row.amount_cents,
        version: row.version,
      });
    }
    return { items, total, page, pageSize };
  }

  it('answers each account, filter and page as the cases read through the model say', async function () {
    this.timeout(180_000); // some 70 answers, each compared with its own reads
    const seen = { answers: 0, items: 0, assigned: 0, provisional: 0, undated: 0, flagged: 0, amounts: 0, marks: 0 };
    const pageSize = 4;
    for (const { label, principal, auth } of accounts)
      for (const filters of FILTERS) {
        const first = await expected(principal, filters, 1, pageSize);
        const pages = Math.ceil(first.total / pageSize) + 1; // and one past the end
        for (let page = 1; page <= pages; page++) {
          const want = page === 1 ? first : await expected(principal, filters, page, pageSize);
          const res = await request(s.url)
            .get('/api/staff/cases/inbox')
            .query({ ...filters, page, pageSize })
            .set(auth)
            .expect(200);
          assert.equal(res.text, JSON.stringify(want), `${label} ${JSON.stringify(filters)} page ${page}`);
          seen.answers++;
          for (const item of want.items) {
            seen.items++;
            if (item.assignee) seen.assigned++;
            if (item.dueProvisional) seen.provisional++;
            if (item.dueOn === null) seen.undated++;
            if (item.flag !== 'none') seen.flagged++;
            if (item.amountCents !== null) seen.amounts++;
            if (item.marks.length) seen.marks++;
          }
        }
      }
    // The comparison covered every kind of value an item carries.
    for (const [what, n] of Object.entries(seen)) assert.ok(n > 0, `no ${what} compared`);
  });
});
