import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { createOrg, officer, uniqueName } from './helpers';

describe("The officers' register: their region's organizations, each one's record, complaints with deadlines", () => {
  let s: TestServer;
  let chaoyang: Awaited<ReturnType<typeof officer>>;
  let haidian: Awaited<ReturnType<typeof officer>>;
  let ours: { uscc: string; name: string };
  let theirs: { uscc: string; name: string };
  const tag = uniqueName().slice(6, 11); // five characters only these organizations' names share
  before(async () => {
    s = await startServer();
    chaoyang = await officer(s.url, ['110105']);
    haidian = await officer(s.url, ['110108']);
    ours = await createOrg(s.url, chaoyang.auth, { name: `北京市朝阳区${tag}书法协会` });
    theirs = await createOrg(s.url, haidian.auth, { name: `北京市海淀区${tag}书法协会`, divisionCode: '110108' });
  });
  after(async () => s.close());

  it('lists only the officer’s divisions, by name and by filters; another region asked for is refused', async () => {
    const byName = await request(s.url).get('/api/staff/social-orgs').query({ q: tag }).set(chaoyang.auth).expect(200);
    assert.deepEqual(
      byName.body.items.map((o: { uscc: string }) => o.uscc),
      [ours.uscc],
    );
    const all = await request(s.url)
      .get('/api/staff/social-orgs')
      .query({ type: 'social_group', status: 'active' })
      .set(chaoyang.auth)
      .expect(200);
    assert.ok(all.body.items.every((o: { divisionCode: string }) => o.divisionCode.startsWith('110105')));
    assert.ok(all.body.items.some((o: { uscc: string }) => o.uscc === ours.uscc));
    const elsewhere = await request(s.url)
      .get('/api/staff/social-orgs')
      .query({ division: '110108' })
      .set(chaoyang.auth)
      .expect(400);
    assert.equal(elsewhere.body.error.code, 'DIVISION_OUT_OF_SCOPE');
    assert.match(elsewhere.body.error.message, /不在您的管辖范围/);
  });

  it('shows an organization’s whole record with the choices its forms need; another region’s is 404', async () => {
    await request(s.url)
      .post(`/api/staff/social-orgs/${ours.uscc}/credit-entries`)
      .set(chaoyang.auth)
      .send({
        list: 'abnormal',
        reasonCategory: 'unreachable',
        decisionNo: '朝民社异〔2026〕7号',
        authority: '北京市朝阳区民政局',
        dateIn: s.app.platform.clock.today(),
      })
      .expect(201);
    const { body } = await request(s.url).get(`/api/staff/social-orgs/${ours.uscc}`).set(chaoyang.auth).expect(200);
    assert.equal(body.org.name, ours.name);
    assert.equal(body.creditStatus, 'abnormal');
    assert.equal(body.creditHistory[0].decisionNo, '朝民社异〔2026〕7号');
    assert.equal(body.choices.listReasons.abnormal.unreachable, '通过登记的住所无法与社会组织取得联系');
    const hidden = await request(s.url).get(`/api/staff/social-orgs/${theirs.uscc}`).set(chaoyang.auth).expect(404);
    assert.equal(hidden.body.error.code, 'NOT_FOUND');
  });

  it('marks a complaint waiting past 15 days for acceptance, then 60 days from acceptance for an answer', async () => {
    const citizen = await loginCitizen(s.url);
    await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(citizen.auth)
      .send({
        target: { uscc: ours.uscc },
        category: 'fees',
        content: '该协会以办理会员证为名收取每人500元费用，未开具任何票据。',
        idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
      })
      .expect(201);
    const inbox = async () =>
      (await request(s.url).get('/api/staff/social-orgs/complaints').set(chaoyang.auth).expect(200)).body.items[0];
    let item = await inbox();
    assert.equal(item.deadline.awaiting, '受理');
    assert.equal(item.deadline.overdue, false);
    s.app.platform.clock.advance(16 * 86400_000);
    item = await inbox();
    assert.equal(item.deadline.overdue, true, 'not decided within 15 days');
    await request(s.url).post(`/api/staff/social-orgs/complaints/${item.id}/accept`).set(chaoyang.auth).expect(200);
    item = await inbox();
    assert.deepEqual([item.deadline.awaiting, item.deadline.overdue], ['答复', false]);
    const detail = await request(s.url).get(`/api/staff/social-orgs/complaints/${item.id}`).set(chaoyang.auth);
    assert.equal(detail.body.complaint.deadline.dueAt, item.deadline.dueAt);
    s.app.platform.clock.advance(61 * 86400_000);
    assert.equal((await inbox()).deadline.overdue, true, 'not answered within 60 days of acceptance');
    await request(s.url)
      .post(`/api/staff/social-orgs/complaints/${item.id}/answer`)
      .set(chaoyang.auth)
      .send({ answer: '经调查，该协会已退还全部费用并作出书面检查。' })
      .expect(200);
    assert.equal((await inbox()).deadline, null, 'an answered complaint waits for nobody');
  });
});
