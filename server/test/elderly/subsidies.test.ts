import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { realNamedCitizen } from '../assistance/support';
import { setBeijingTime, staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';

type Staff = Awaited<ReturnType<typeof staffAt>>;

const idIn = (region: string, birth: string) =>
  withCheckDigit(`${region}${birth}${String(Math.floor(Math.random() * 900) + 100)}`);

/**
 * 高龄津贴 免申即享: the server reads the age from the bound ID and the region's rule (data), an
 * eligible elder confirms with one tap, and the county reviews the case in the ordinary inbox.
 * 养老服务补贴 is an ordinary application: the 乡镇 accepts, the county approves an amount.
 */
describe('养老服务 · subsidies: 高龄津贴 with one tap, 养老服务补贴 as an application', () => {
  let s: TestServer;
  let county: Staff;
  let township: Staff;
  let otherCounty: Staff;

  const act = (who: Staff, id: number, action: string, body: Record<string, unknown> = {}) =>
    request(s.url).post(`/api/staff/cases/${id}/actions/${action}`).set(who.auth).send(body);
  const offer = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/elderly/age-allowance').set(auth).expect(200)).body;
  const mine = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/elderly/applications').set(auth).expect(200)).body.items;

  before(async () => {
    s = await startServer();
    setBeijingTime(s, '2026-12-07');
    county = await staffAt(s.url, ['110105'], ['elderly_officer'], '朝阳养老科');
    township = await staffAt(s.url, ['110105001'], ['elderly_officer'], '建外街道');
    otherCounty = await staffAt(s.url, ['110108'], ['elderly_officer'], '海淀养老科');
    // 朝阳's own rule: 80+ 100 元, 90+ 500 元 a month (set by the county, audited).
    const rule = await request(s.url)
      .put('/api/staff/elderly/age-allowance/rules/110105')
      .set(county.auth)
      .send({
        tiers: [
          { minAge: 90, monthlyCents: 50_000 },
          { minAge: 80, monthlyCents: 10_000 },
        ],
      });
    assert.equal(rule.status, 200, JSON.stringify(rule.body));
    const outside = await request(s.url)
      .put('/api/staff/elderly/age-allowance/rules/110105')
      .set(otherCounty.auth)
      .send({ tiers: [{ minAge: 60, monthlyCents: 1 }] });
    assert.equal(outside.status, 404, "海淀 cannot set 朝阳's rule");
  });
  after(async () => s.close());

  it('offers 高龄津贴 to an 86-year-old, who confirms with one tap; the county approves it in its inbox', async () => {
    const elder = await realNamedCitizen(s.url, '王桂兰', idIn('110105', '19400315'));
    const offered = await offer(elder.auth);
    assert.equal(offered.status, 'eligible');
    assert.equal(offered.minAge, 80);
    assert.equal(offered.monthlyCents, 10_000);
    assert.match(offered.message, /每月100元/);
    assert.equal(JSON.stringify(offered).includes(elder.idNumber), false, 'the ID never comes back');

    const confirmed = await request(s.url).post('/api/elderly/age-allowance').set(elder.auth).send({});
    assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
    const { number, caseId } = confirmed.body;
    assert.match(number, /^GL-20261207-/);
    assert.equal((await offer(elder.auth)).status, 'claimed');
    const twice = await request(s.url).post('/api/elderly/age-allowance').set(elder.auth).send({}).expect(409);
    assert.equal(twice.body.error.code, 'ALREADY_CLAIMED');

    const inbox = (await request(s.url).get('/api/staff/cases/inbox').set(county.auth).expect(200)).body;
    assert.ok(
      inbox.items.some((c: { id: number }) => c.id === caseId),
      "in the county's inbox",
    );
    const elsewhere = (await request(s.url).get('/api/staff/cases/inbox').set(otherCounty.auth).expect(200)).body;
    assert.ok(!elsewhere.items.some((c: { id: number }) => c.id === caseId), "not in 海淀's");
    await act(otherCounty, caseId, 'approve').expect(404);

    await act(county, caseId, 'approve').expect(200);
    const [item] = await mine(elder.auth);
    assert.deepEqual(
      { number: item.number, typeName: item.typeName, stageName: item.stageName, amount: item.amountCents },
      { number, typeName: '高龄津贴', stageName: '已批准，按月发放', amount: 10_000 },
    );
    const messages = (await request(s.url).get('/api/messages').set(elder.auth).expect(200)).body;
    assert.ok(JSON.stringify(messages).includes('高龄津贴办理进度'));
  });

  it('refuses a 76-year-old who claims anyway: a clear 400, nothing opened', async () => {
    const younger = await realNamedCitizen(s.url, '李建国', idIn('110105', '19500601'));
    const offered = await offer(younger.auth);
    assert.equal(offered.status, 'underage');
    assert.equal(offered.age, 76);
    const claim = await request(s.url).post('/api/elderly/age-allowance').set(younger.auth).send({}).expect(400);
    assert.equal(claim.body.error.code, 'UNDER_AGE');
    assert.equal(claim.body.error.message, '高龄津贴须年满80周岁，您目前76周岁，暂不符合条件');
    assert.deepEqual(await mine(younger.auth), []);
    assert.equal((await offer(younger.auth)).status, 'underage');
  });

  it('pays a 92-year-old the 90+ amount; a refusal lets them confirm again later', async () => {
    const elder = await realNamedCitizen(s.url, '赵淑珍', idIn('110105', '19340101'));
    assert.equal((await offer(elder.auth)).monthlyCents, 50_000);
    const first = (await request(s.url).post('/api/elderly/age-allowance').set(elder.auth).send({}).expect(201)).body;
    await act(county, first.caseId, 'refuse').expect(400); // an opinion is required
    await act(county, first.caseId, 'refuse', { opinion: '户籍已迁出本区，请向现户籍地申请' }).expect(200);
    assert.equal((await offer(elder.auth)).status, 'eligible');
    await request(s.url).post('/api/elderly/age-allowance').set(elder.auth).send({}).expect(201);
  });

  it('uses 80 by default where the region has set no rule, and needs a real name', async () => {
    const chengdu = await realNamedCitizen(s.url, '陈大爷', idIn('510104', '19450808'));
    const offered = await offer(chengdu.auth);
    assert.deepEqual([offered.status, offered.minAge, offered.monthlyCents], ['eligible', 80, null]);
    const anonymous = await loginCitizen(s.url);
    assert.equal((await offer(anonymous.auth)).status, 'no_identity');
    await request(s.url).post('/api/elderly/age-allowance').set(anonymous.auth).send({}).expect(403);
  });

  it('takes a 养老服务补贴 application through the 乡镇 and the county', async () => {
    const elder = await realNamedCitizen(s.url, '孙玉梅', idIn('110105', '19480220'));
    const able = await request(s.url)
      .post('/api/elderly/service-subsidy')
      .set(elder.auth)
      .send({ careLevel: 'intact', divisionCode: '110105001', reason: '独居，需要上门助浴服务' })
      .expect(400);
    assert.equal(able.body.error.code, 'LEVEL_NOT_ELIGIBLE');
    await request(s.url)
      .post('/api/elderly/service-subsidy')
      .set(elder.auth)
      .send({ careLevel: 'severe', divisionCode: '12', reason: '短' })
      .expect(400);
    assert.deepEqual(await mine(elder.auth), [], 'bad input opened nothing');

    const applied = await request(s.url)
      .post('/api/elderly/service-subsidy')
      .set(elder.auth)
      .send({ careLevel: 'severe', divisionCode: '110105001', reason: '经评估为重度失能，需要居家照护服务' });
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    const again = await request(s.url)
      .post('/api/elderly/service-subsidy')
      .set(elder.auth)
      .send({ careLevel: 'severe', divisionCode: '110105001', reason: '经评估为重度失能，需要居家照护服务' })
      .expect(409);
    assert.equal(again.body.error.code, 'SUBSIDY_IN_PROGRESS');

    const id = applied.body.caseId;
    const notTheirs = await act(county, id, 'accept');
    assert.ok([403, 404].includes(notTheirs.status), `the county does not accept for the 乡镇 (${notTheirs.status})`);
    await act(township, id, 'accept', { opinion: '材料齐全' }).expect(200);
    await act(county, id, 'approve', { form: {} }).expect(400);
    await act(county, id, 'approve', { form: { amountCents: 60_000 } }).expect(200);
    const [item] = await mine(elder.auth);
    assert.deepEqual([item.typeName, item.stageName, item.amountCents], ['养老服务补贴', '已批准，按月发放', 60_000]);
  });
});
