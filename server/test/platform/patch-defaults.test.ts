import assert from 'node:assert/strict';
import request from 'supertest';
import { hallPatch } from '../../src/modules/halls/schemas';
import { memberPatchBody } from '../../src/modules/matrix/schemas';
import { replyPatch } from '../../src/modules/mp/schemas';
import { orgPatchBody } from '../../src/modules/social-orgs/schemas';
import { staffChangesBody } from '../../src/modules/staff/schemas';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall } from '../halls/fixtures';
import { addMember, simAccount } from '../matrix/helpers';

// A PATCH names what changes; a field it does not name keeps its value. `.partial()` of a
// create schema kept the create defaults, so editing a hall's intro reopened it on weekends.
describe('PATCH changes only the fields it names', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
  });
  after(async () => s.close());

  it('editing a hall’s intro keeps its closing days and its closed state', async () => {
    const id = await createHall(s.url, adminAuth, { closedWeekdays: [0, 6] });
    await request(s.url).patch(`/api/staff/halls/${id}`).set(adminAuth).send({ active: false }).expect(200);
    const { body } = await request(s.url)
      .patch(`/api/staff/halls/${id}`)
      .set(adminAuth)
      .send({ intro: '周末不办公，请工作日前来。' })
      .expect(200);
    assert.equal(body.hall.intro, '周末不办公，请工作日前来。');
    assert.deepEqual(body.hall.closedWeekdays, [0, 6]);
    assert.equal(body.hall.active, false, 'an intro edit must not reopen a closed hall');
    const read = (await request(s.url).get(`/api/staff/halls/${id}`).set(adminAuth).expect(200)).body.hall;
    assert.deepEqual([read.closedWeekdays, read.active], [[0, 6], false]);
    // The audit row names the one field that changed.
    const row = await s.app.platform.db.query(
      "SELECT detail FROM audit_logs WHERE action = 'hall.update' AND target_id = :id ORDER BY id DESC LIMIT 1",
      { replacements: { id: String(id) }, plain: true },
    );
    assert.deepEqual(JSON.parse(String((row as { detail: string }).detail)).fields, ['intro']);
  });

  it('renaming a content-matrix member keeps it switched off', async () => {
    const acc = await simAccount(s.url);
    const m = await addMember(s.url, adminAuth, {
      name: '朝阳民政',
      appid: acc.appid,
      secret: acc.secret,
      level: 'county',
      divisionCode: '110105',
      category: '民政部门',
      active: false,
    });
    const { body } = await request(s.url)
      .patch(`/api/matrix/admin/members/${m.id}`)
      .set(adminAuth)
      .send({ name: '朝阳区民政局' })
      .expect(200);
    assert.equal(body.member.name, '朝阳区民政局');
    assert.equal(body.member.active, false, 'a rename must not switch the member back on');
  });

  it('no PATCH schema in the server fills in a field the request did not name', () => {
    const cases: Array<[string, { parse(v: unknown): object }, object]> = [
      ['hall', hallPatch, { intro: '简介' }],
      ['social org', orgPatchBody, { address: '北京市朝阳区某路1号' }],
      ['matrix member', memberPatchBody, { name: '改名' }],
      ['keyword reply', replyPatch, { question: '几点上班？' }],
      ['staff account', staffChangesBody, { displayName: '张三' }],
    ];
    for (const [what, schema, input] of cases)
      assert.deepEqual(Object.keys(schema.parse(input)), Object.keys(input), `${what}: only the named field`);
  });
});
