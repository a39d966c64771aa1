import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';
import { createHall, hallStaff } from '../halls/fixtures';
import { hex } from './support';

type Staff = Awaited<ReturnType<typeof loginStaff>>;

// Every kind of audience resolves to where it reaches — a region, a hall, a QR code's hall or
// region, or the whole country — and a member of staff composes, previews, approves, lists,
// reads and cancels only broadcasts that reach inside their scope. Hall QR codes likewise.
describe('Broadcasts and hall QR codes stay inside the staff member’s scope', () => {
  let s: TestServer;
  let admin: Staff;
  let chaoyangHall: number;
  let shenzhenHall: number;
  let national: { editor: Staff; approver: Staff };
  let chaoyang: { editor: Staff; approver: Staff };
  let chaoyangScene: { scene: string; ticket: string };
  let shenzhenScene: { scene: string; ticket: string };
  const data = { title: '冬季救助通知', content: '请有困难的家庭及时联系社区', date: '2026-12-10 09:00' };

  const staffWith = async (roles: string[], divisions: string[]) => {
    const username = `u${hex()}`;
    const password = 'Staff-password-123';
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({ username, displayName: '工作人员', password, roles, scope: { divisions, halls: [] } })
      .expect(201);
    return loginStaff(s.url, username, password);
  };
  const followThrough = async (ticket: string, n: number) => {
    for (let i = 0; i < n; i++)
      await request(s.url)
        .post('/__wechat__/dev/mp/scan')
        .send({ openid: `o_sc_${hex()}`, ticket })
        .expect(200);
    await s.app.platform.jobs.drain();
  };
  const compose = (who: Staff, segment: object) =>
    request(s.url)
      .post('/api/staff/notices/broadcasts')
      .set(who.auth)
      .send({ templateKey: 'notices.broadcast', data, segment });
  const broadcastIds = async (who: Staff) =>
    (await request(s.url).get('/api/staff/notices/broadcasts').set(who.auth).expect(200)).body.items.map(
      (b: { id: number }) => b.id,
    ) as number[];

  before(async () => {
    s = await startServer();
    admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    chaoyangHall = await createHall(s.url, admin.auth, { divisionCode: '110105' });
    shenzhenHall = await createHall(s.url, admin.auth, { divisionCode: '440305', address: '深圳市南山区测试路2号' });
    national = { editor: await staffWith(['editor'], ['']), approver: await staffWith(['approver'], ['']) };
    chaoyang = {
      editor: await staffWith(['editor'], ['110105']),
      approver: await staffWith(['approver'], ['110105']),
    };
  });
  after(async () => s.close());

  it('hall staff make and see the public-account QR codes of their own halls only', async () => {
    const chaoyangClerk = await hallStaff(s.url, admin.auth, [chaoyangHall]);
    const shenzhenClerk = await hallStaff(s.url, admin.auth, [shenzhenHall]);
    // 朝阳's clerk cannot take 深圳's code (which would also have blocked 深圳's own clerk).
    const taken = await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(chaoyangClerk.auth)
      .send({ kind: 'hall', hallId: shenzhenHall, title: '深圳婚姻登记处', divisionCode: '110105' })
      .expect(404);
    assert.equal(taken.body.error.code, 'NOT_FOUND');
    shenzhenScene = (
      await request(s.url)
        .post('/api/staff/mp/scenes')
        .set(shenzhenClerk.auth)
        .send({ kind: 'hall', hallId: shenzhenHall, title: '深圳婚姻登记处' })
        .expect(201)
    ).body.scene;
    chaoyangScene = (
      await request(s.url)
        .post('/api/staff/mp/scenes')
        .set(chaoyangClerk.auth)
        .send({ kind: 'hall', hallId: chaoyangHall, title: '朝阳婚姻登记处', divisionCode: '440305' })
        .expect(201)
    ).body.scene;
    assert.equal((chaoyangScene as { divisionCode?: string }).divisionCode, '110105', 'the hall’s own division');
    // A campaign code names a region of one's scope; none at all is nationwide.
    await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(chaoyang.editor.auth)
      .send({ kind: 'campaign', title: '全国宣传' })
      .expect(404);
    await request(s.url)
      .post('/api/staff/mp/scenes')
      .set(chaoyang.editor.auth)
      .send({ kind: 'campaign', title: '深圳宣传', divisionCode: '4403' })
      .expect(404);
    const campaign = (
      await request(s.url)
        .post('/api/staff/mp/scenes')
        .set(chaoyang.editor.auth)
        .send({ kind: 'campaign', title: '朝阳敬老月', divisionCode: '110105', days: 7 })
        .expect(201)
    ).body.scene;

    const scenesOf = async (who: Staff) =>
      (await request(s.url).get('/api/staff/mp/scenes').set(who.auth).expect(200)).body.items.map(
        (x: { scene: string }) => x.scene,
      ) as string[];
    assert.deepEqual((await scenesOf(chaoyangClerk)).sort(), [chaoyangScene.scene].sort());
    // Other stories in this database made codes in 朝阳 too: the editor sees ours, and nothing outside 朝阳.
    const editorSees = (await request(s.url).get('/api/staff/mp/scenes').set(chaoyang.editor.auth).expect(200)).body
      .items as { scene: string; divisionCode: string }[];
    for (const x of [chaoyangScene.scene, campaign.scene])
      assert.ok(
        editorSees.some((y) => y.scene === x),
        x,
      );
    for (const y of editorSees) assert.ok(String(y.divisionCode ?? '').startsWith('110105'), JSON.stringify(y));
    assert.deepEqual(await scenesOf(shenzhenClerk), [shenzhenScene.scene]);
    const all = await scenesOf(national.editor);
    for (const x of [chaoyangScene.scene, shenzhenScene.scene, campaign.scene]) assert.ok(all.includes(x), x);

    // The hall's wall codes: another hall's cannot be withdrawn.
    const wall = (
      await request(s.url)
        .post(`/api/staff/halls/${shenzhenHall}/entry-codes`)
        .set(shenzhenClerk.auth)
        .send({})
        .expect(201)
    ).body.entryCode;
    await request(s.url)
      .post(`/api/staff/halls/${shenzhenHall}/entry-codes/${wall.id}/withdraw`)
      .set(chaoyangClerk.auth)
      .expect(404);

    await followThrough(shenzhenScene.ticket, 3);
    await followThrough(chaoyangScene.ticket, 2);
  });

  it('a 朝阳 editor cannot preview or compose for 深圳’s hall, its QR code, another region, a tag or everyone', async () => {
    const outside: object[] = [
      { kind: 'hall', hallId: shenzhenHall },
      { kind: 'scene', scene: shenzhenScene.scene },
      { kind: 'region', divisionCode: '4403' },
      { kind: 'region', divisionCode: '11' }, // all of 北京 is wider than 朝阳
      { kind: 'all' },
      { kind: 'tag', tag: '志愿者' },
      { kind: 'tag', tag: '志愿者', divisionCode: '440305' },
      { kind: 'users', source: 'org-followers', params: { uscc: '51110000500000000X' } },
    ];
    for (const segment of outside) {
      const what = JSON.stringify(segment);
      assert.equal((await compose(chaoyang.editor, segment).expect(404)).body.error.code, 'NOT_FOUND', what);
      await request(s.url)
        .post('/api/staff/notices/broadcasts/preview')
        .set(chaoyang.editor.auth)
        .send({ segment })
        .expect(404);
      await request(s.url).post('/api/staff/mp/segments/count').set(chaoyang.editor.auth).send({ segment }).expect(404);
    }
    // A hall that does not exist answers the same as one outside the scope.
    await compose(chaoyang.editor, { kind: 'hall', hallId: 99999999 }).expect(404);
    // What lies inside 朝阳 works, whichever way it is named.
    for (const segment of [
      { kind: 'hall', hallId: chaoyangHall },
      { kind: 'scene', scene: chaoyangScene.scene },
      { kind: 'region', divisionCode: '110105' },
    ]) {
      const { body } = await request(s.url)
        .post('/api/staff/notices/broadcasts/preview')
        .set(chaoyang.editor.auth)
        .send({ segment })
        .expect(200);
      // The region may hold other stories' followers too; the hall and its code hold ours only.
      if (segment.kind === 'region') assert.ok(body.count >= 2, JSON.stringify(segment));
      else assert.equal(body.count, 2, JSON.stringify(segment));
    }
  });

  it('approving, reading, listing and cancelling follow where a broadcast reaches', async () => {
    // A national editor still reaches everyone, and 深圳's hall.
    const everyone = (await compose(national.editor, { kind: 'all' }).expect(201)).body.broadcast;
    assert.deepEqual(everyone.reach, { divisionCode: '', hallId: null });
    const shenzhen = (await compose(national.editor, { kind: 'hall', hallId: shenzhenHall }).expect(201)).body
      .broadcast;
    assert.deepEqual(shenzhen.reach, { divisionCode: '440305', hallId: shenzhenHall });
    // …and one for 朝阳, which 朝阳's approver may approve.
    const forChaoyang = (await compose(national.editor, { kind: 'scene', scene: chaoyangScene.scene }).expect(201)).body
      .broadcast;
    const ownChaoyang = (await compose(chaoyang.editor, { kind: 'region', divisionCode: '110105' }).expect(201)).body
      .broadcast;

    for (const b of [everyone, shenzhen]) {
      const base = `/api/staff/notices/broadcasts/${b.id}`;
      await request(s.url).post(`${base}/approve`).set(chaoyang.approver.auth).expect(404);
      await request(s.url).post(`${base}/reject`).set(chaoyang.approver.auth).send({ reason: '越权' }).expect(404);
      await request(s.url).get(base).set(chaoyang.approver.auth).expect(404);
      await request(s.url).get(base).set(chaoyang.editor.auth).expect(404);
      await request(s.url).post(`${base}/cancel`).set(chaoyang.editor.auth).expect(404);
      await request(s.url).post(`${base}/cancel`).set(chaoyang.approver.auth).expect(404);
      assert.equal(
        (await request(s.url).get(base).set(national.approver.auth).expect(200)).body.broadcast.status,
        'pending',
      );
    }
    const seenInChaoyang = await broadcastIds(chaoyang.approver);
    assert.ok(seenInChaoyang.includes(forChaoyang.id) && seenInChaoyang.includes(ownChaoyang.id));
    assert.ok(!seenInChaoyang.includes(everyone.id) && !seenInChaoyang.includes(shenzhen.id));
    const seenNationally = await broadcastIds(national.approver);
    for (const b of [everyone, shenzhen, forChaoyang, ownChaoyang]) assert.ok(seenNationally.includes(b.id));

    // 朝阳's approver sends 朝阳's: only 朝阳's two followers get it.
    await request(s.url)
      .post(`/api/staff/notices/broadcasts/${forChaoyang.id}/approve`)
      .set(chaoyang.approver.auth)
      .expect(200);
    await s.app.platform.jobs.drain();
    const sent = (
      await request(s.url).get(`/api/staff/notices/broadcasts/${forChaoyang.id}`).set(chaoyang.editor.auth).expect(200)
    ).body.broadcast;
    assert.equal(sent.expanded, 2);
    // The national approver sends 深圳's; the national editor cancels the nationwide one.
    await request(s.url)
      .post(`/api/staff/notices/broadcasts/${shenzhen.id}/approve`)
      .set(national.approver.auth)
      .expect(200);
    const cancelled = (
      await request(s.url)
        .post(`/api/staff/notices/broadcasts/${everyone.id}/cancel`)
        .set(national.editor.auth)
        .expect(200)
    ).body.broadcast;
    assert.equal(cancelled.status, 'cancelled');

    // One delivery's record follows its broadcast's scope.
    await s.app.platform.jobs.drain();
    const outboxOf = async (broadcastId: number) =>
      (
        (await s.app.platform.db.query('SELECT id FROM notice_outbox WHERE broadcast_id = :broadcastId LIMIT 1', {
          replacements: { broadcastId },
          type: 'SELECT',
        })) as Array<{ id: number }>
      )[0].id;
    const shenzhenRow = await outboxOf(shenzhen.id);
    const chaoyangRow = await outboxOf(forChaoyang.id);
    await request(s.url).get(`/api/staff/notices/outbox/${shenzhenRow}`).set(chaoyang.editor.auth).expect(404);
    await request(s.url).get(`/api/staff/notices/outbox/${shenzhenRow}`).set(national.editor.auth).expect(200);
    await request(s.url).get(`/api/staff/notices/outbox/${chaoyangRow}`).set(chaoyang.editor.auth).expect(200);
  });
});
