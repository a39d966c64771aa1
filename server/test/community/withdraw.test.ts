import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';

/** 南郎家园社区 and 北郎家园社区 of 建外街道, 朝阳区. */
const NANLANG = '110105001024';
const BEILANG = '110105001025';

const idNumber = () =>
  withCheckDigit(
    `110105${1950 + randomInt(0, 50)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${randomInt(100, 999)}`,
  );

async function realNamed(url: string, name: string) {
  const c = await loginCitizen(url);
  await request(url).put('/api/me/identity').set(c.auth).send({ name, idNumber: idNumber() }).expect(200);
  return c;
}

describe('社区治理 · a citizen withdraws their own 居民登记', () => {
  let s: TestServer;
  let nanlang: Awaited<ReturnType<typeof staffAt>>;

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    nanlang = await staffAt(s.url, ['110105001'], ['community_staff'], '建外街道社区办王');
  });
  after(async () => s.close());

  it('a confirmed resident who withdraws can no longer propose, comment or vote; their ballot stays counted once', async function () {
    this.timeout(60_000);
    const c = await realNamed(s.url, '郑撤回');
    const other = await realNamed(s.url, '冯提议');

    // Nothing to withdraw yet.
    let r = await request(s.url).delete('/api/community/me/residence').set(c.auth).expect(404);
    assert.match(r.body.error.message, /还没有登记为任何村\/社区的居民/);

    const reg = async (who: typeof c, code = NANLANG) =>
      (
        await request(s.url)
          .post(`/api/community/communities/${code}/residents`)
          .set(who.auth)
          .send({ address: '南郎家园2号楼' })
          .expect(201)
      ).body.resident.id as number;
    const id = await reg(c);
    const otherId = await reg(other);
    for (const rid of [id, otherId])
      await request(s.url).post(`/api/staff/community/residents/${rid}/confirm`).set(nanlang.auth).expect(200);

    // A proposal put to the vote; c votes while a resident.
    const { body } = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/proposals`)
      .set(other.auth)
      .send({ title: '楼道加装声控灯', body: '建议2号楼各层加装声控灯，费用由公共收益列支。' })
      .expect(201);
    const proposal = body.proposal.id;
    await request(s.url)
      .post(`/api/staff/community/proposals/${proposal}/open-vote`)
      .set(nanlang.auth)
      .send({})
      .expect(200);
    await request(s.url).post(`/api/community/proposals/${proposal}/votes`).set(c.auth).send({ option: 0 }).expect(201);

    // Withdraw: told in Chinese what it means.
    r = await request(s.url).delete('/api/community/me/residence').set(c.auth).expect(200);
    assert.equal(r.body.resident.status, 'withdrawn');
    assert.match(r.body.message, /不能再在南郎家园社区居委会提出议题、发表意见或投票/);
    const mine = await request(s.url).get('/api/community/me/residence').set(c.auth).expect(200);
    assert.equal(mine.body.resident, null);
    r = await request(s.url).delete('/api/community/me/residence').set(c.auth).expect(404);

    // No longer a resident: proposing and commenting are refused, nothing stored.
    r = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/proposals`)
      .set(c.auth)
      .send({ title: '再提一个', body: '撤回之后不能再提出议题。' })
      .expect(403);
    assert.equal(r.body.error.code, 'NOT_RESIDENT');
    r = await request(s.url)
      .post(`/api/community/proposals/${proposal}/comments`)
      .set(c.auth)
      .send({ body: '我已经搬走了' })
      .expect(403);
    assert.equal(r.body.error.code, 'NOT_RESIDENT');
    const detail = await request(s.url).get(`/api/community/proposals/${proposal}`).expect(200);
    assert.equal(detail.body.proposal.comments.length, 0);
    const list = await request(s.url).get(`/api/community/communities/${NANLANG}/proposals`).expect(200);
    assert.ok(!list.body.items.some((x: { title: string }) => x.title === '再提一个'));
    const ballot = await request(s.url).get(`/api/community/proposals/${proposal}/my-ballot`).set(c.auth).expect(200);
    assert.equal(ballot.body.isResident, false);

    // Staff see it as withdrawn; confirming it again is refused with the reason.
    const rows = await request(s.url)
      .get('/api/staff/community/residents?status=withdrawn')
      .set(nanlang.auth)
      .expect(200);
    const row = rows.body.items.find((x: { id: number }) => x.id === id);
    assert.equal(row.statusLabel, '居民已撤回登记');
    r = await request(s.url).post(`/api/staff/community/residents/${id}/confirm`).set(nanlang.auth).expect(409);
    assert.equal(r.body.error.code, 'RESIDENT_WITHDRAWN');

    // Registering again (even elsewhere first, then back) and confirmed: still one ballot per proposal.
    const again = await reg(c, BEILANG);
    assert.equal(again, id);
    await request(s.url).delete('/api/community/me/residence').set(c.auth).expect(200);
    assert.equal(await reg(c), id);
    await request(s.url).post(`/api/staff/community/residents/${id}/confirm`).set(nanlang.auth).expect(200);
    r = await request(s.url)
      .post(`/api/community/proposals/${proposal}/votes`)
      .set(c.auth)
      .send({ option: 1 })
      .expect(409);
    assert.equal(r.body.error.code, 'ALREADY_VOTED');
    await request(s.url)
      .post(`/api/community/proposals/${proposal}/votes`)
      .set(other.auth)
      .send({ option: 1 })
      .expect(201);
    const closed = await request(s.url)
      .post(`/api/staff/community/proposals/${proposal}/close-vote`)
      .set(nanlang.auth)
      .expect(200);
    assert.equal(closed.body.proposal.result.total, 2);
  });

  it('a waiting application withdrawn is no longer in the staff queue; a refused one needs no withdrawal', async () => {
    const c = await realNamed(s.url, '卫等待');
    const { body } = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/residents`)
      .set(c.auth)
      .send({ address: '南郎家园5号楼' })
      .expect(201);
    const r = await request(s.url).delete('/api/community/me/residence').set(c.auth).expect(200);
    assert.match(r.body.message, /已撤回您在南郎家园社区居委会的居民登记申请/);
    const pending = await request(s.url)
      .get('/api/staff/community/residents?status=pending')
      .set(nanlang.auth)
      .expect(200);
    assert.ok(!pending.body.items.some((x: { id: number }) => x.id === body.resident.id));

    const d = await realNamed(s.url, '蒋未确认');
    const refused = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/residents`)
      .set(d.auth)
      .send({ address: '不详' })
      .expect(201);
    await request(s.url)
      .post(`/api/staff/community/residents/${refused.body.resident.id}/reject`)
      .set(nanlang.auth)
      .send({ reason: '地址不在本社区' })
      .expect(200);
    const no = await request(s.url).delete('/api/community/me/residence').set(d.auth).expect(409);
    assert.equal(no.body.error.code, 'NOT_WITHDRAWABLE');
    assert.match(no.body.error.message, /未予确认，无需撤回/);
  });
});
