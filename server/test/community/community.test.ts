import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';
import { withCheckDigit } from '../support/id-numbers';

/** 南郎家园社区 and 北郎家园社区 of 建外街道, 朝阳区; 一街社区 of 怀柔区. */
const NANLANG = '110105001024';
const BEILANG = '110105001025';
const HUAIROU = '110114001001';

const idNumber = () =>
  withCheckDigit(
    `110105${1950 + randomInt(0, 50)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${randomInt(100, 999)}`,
  );

async function realNamed(url: string, name: string) {
  const c = await loginCitizen(url);
  await request(url).put('/api/me/identity').set(c.auth).send({ name, idNumber: idNumber() }).expect(200);
  return c;
}

type Staff = Awaited<ReturnType<typeof staffAt>>;

/** A real-named citizen the community's staff confirmed as a resident. */
async function resident(url: string, staff: Staff, name: string, code = NANLANG) {
  const c = await realNamed(url, name);
  const { body } = await request(url)
    .post(`/api/community/communities/${code}/residents`)
    .set(c.auth)
    .send({ address: '建外街道南郎家园3号楼' })
    .expect(201);
  await request(url).post(`/api/staff/community/residents/${body.resident.id}/confirm`).set(staff.auth).expect(200);
  return c;
}

const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n${'%'.repeat(40)}\n%%EOF\n`,
  'latin1',
);

describe('社区治理 · communities, 居务公开, residents and 议事协商', () => {
  let s: TestServer;
  let nanlang: Staff;
  let huairou: Staff;

  before(async function () {
    this.timeout(120_000);
    s = await startServer();
    nanlang = await staffAt(s.url, [NANLANG], ['community_staff'], '南郎家园居委会李');
    huairou = await staffAt(s.url, ['110114'], ['community_staff'], '怀柔区社区科赵');
  });
  after(async () => s.close());

  it('opens any community of the register by its code, and lists the communities of a 街道', async () => {
    const { body } = await request(s.url).get(`/api/community/communities/${NANLANG}`).expect(200);
    assert.equal(body.community.name, '南郎家园社区居委会');
    assert.equal(body.community.kindLabel, '社区');
    assert.equal(body.community.street.name, '建外街道');
    assert.equal(body.community.county.code, '110105');
    assert.equal(body.community.socialWorkStation.divisionCode, '110105001');
    assert.equal(body.community.profiled, false);

    const children = await request(s.url).get('/api/community/streets/110105001/communities').expect(200);
    assert.equal(children.body.street.name, '建外街道');
    assert.ok(children.body.items.length > 5);
    assert.ok(children.body.items.some((c: { code: string }) => c.code === BEILANG));

    // A village of a development zone, whose NBS county code is not a GB/T 2260 county.
    const zone = await request(s.url).get('/api/community/communities/130271100001').expect(200);
    assert.equal(zone.body.community.county.code, '130271');
    assert.equal(zone.body.community.street.code, '130271100');

    const unknown = await request(s.url).get('/api/community/communities/110105001999').expect(404);
    assert.match(unknown.body.error.message, /未找到该村\/社区/);
    const bad = await request(s.url).get('/api/community/communities/1101').expect(400);
    assert.match(bad.body.error.message, /12位/);
    await request(s.url).get('/api/community/streets/110105999/communities').expect(404);
  });

  it('lets the community’s own staff fill in its page, and nobody else', async () => {
    const profile = {
      address: '北京市朝阳区建外街道南郎家园12号',
      officeHours: '周一至周五 9:00-17:00',
      phone: '010-65000001',
      services: ['居住证明开具', '老年人优待证代办'],
      committee: [
        { name: '王秀兰', role: '主任' },
        { name: '刘建国', role: '委员' },
      ],
    };
    await request(s.url)
      .put(`/api/staff/community/communities/${NANLANG}/profile`)
      .set(huairou.auth)
      .send(profile)
      .expect(404);
    const { body } = await request(s.url)
      .put(`/api/staff/community/communities/${NANLANG}/profile`)
      .set(nanlang.auth)
      .send(profile)
      .expect(200);
    assert.equal(body.community.profiled, true);
    const page = await request(s.url).get(`/api/community/communities/${NANLANG}`).expect(200);
    assert.deepEqual(page.body.community.committee, profile.committee);
    assert.equal(page.body.community.officeHours, '周一至周五 9:00-17:00');
    // Huairou's page is untouched.
    const other = await request(s.url).get(`/api/community/communities/${HUAIROU}`).expect(200);
    assert.equal(other.body.community.profiled, false);
  });

  it('publishes a 财务公开 with a PDF to the community’s followers; out of scope or a stranger’s attachment changes nothing', async () => {
    const follower = await loginCitizen(s.url);
    await request(s.url).post('/api/community/follows').set(follower.auth).send({ code: NANLANG }).expect(200);
    const upload = await request(s.url)
      .post('/api/staff/community/attachments')
      .set(nanlang.auth)
      .attach('file', PDF, { filename: '2026年第四季度收支.pdf', contentType: 'application/pdf' })
      .expect(201);
    assert.equal(upload.body.attachment.filename, '2026年第四季度收支.pdf', 'a Chinese file name is kept');
    const notice = {
      category: 'finance',
      title: '2026年第四季度财务收支公开',
      body: '本季度收入12,000元，支出8,500元，明细见附件。',
      attachments: [upload.body.attachment.id],
    };
    // Another staff member's upload, or an unknown one: refused, nothing published.
    const other = await request(s.url)
      .post('/api/staff/community/attachments')
      .set(huairou.auth)
      .attach('file', PDF, { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(201);
    const stranger = await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/notices`)
      .set(nanlang.auth)
      .send({ ...notice, attachments: [other.body.attachment.id] })
      .expect(400);
    assert.equal(stranger.body.error.code, 'ATTACHMENT_NOT_FOUND');
    await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/notices`)
      .set(huairou.auth)
      .send(notice)
      .expect(404);
    const badCategory = await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/notices`)
      .set(nanlang.auth)
      .send({ ...notice, category: 'gossip' })
      .expect(400);
    assert.match(badCategory.body.error.message, /公开类别/);
    let list = await request(s.url).get(`/api/community/communities/${NANLANG}/notices`).expect(200);
    assert.equal(list.body.items.length, 0);

    const { body } = await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/notices`)
      .set(nanlang.auth)
      .send(notice)
      .expect(201);
    assert.equal(body.followersNotified, 1);
    assert.equal(body.notice.categoryLabel, '财务公开');
    list = await request(s.url).get(`/api/community/communities/${NANLANG}/notices?category=finance`).expect(200);
    assert.equal(list.body.items.length, 1);
    const file = await request(s.url).get(`/api/community/attachments/${upload.body.attachment.id}`).expect(200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    await s.app.platform.jobs.drain(); // followers are told by a job
    const messages = await request(s.url).get('/api/messages').set(follower.auth).expect(200);
    const told = messages.body.items.find((m: { title: string }) => m.title === '南郎家园社区居委会发布财务公开');
    assert.ok(told, JSON.stringify(messages.body.items));
    assert.match(told.link, /packages\/community\/pages\/index\/index\?code=110105001024/);
  });

  it('confirms a real-named resident once; refuses an anonymous one, a second application and other staff', async () => {
    const anonymous = await loginCitizen(s.url);
    const refused = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/residents`)
      .set(anonymous.auth)
      .send({ address: '南郎家园1号楼' })
      .expect(403);
    assert.match(refused.body.error.message, /实名认证/);

    const c = await realNamed(s.url, '赵居民');
    const { body } = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/residents`)
      .set(c.auth)
      .send({ address: '南郎家园1号楼2单元301' })
      .expect(201);
    assert.equal(body.resident.statusLabel, '待社区确认');
    const twice = await request(s.url)
      .post(`/api/community/communities/${BEILANG}/residents`)
      .set(c.auth)
      .send({ address: '北郎家园' })
      .expect(409);
    assert.match(twice.body.error.message, /只能登记在一个村\/社区/);

    await request(s.url)
      .post(`/api/staff/community/residents/${body.resident.id}/confirm`)
      .set(huairou.auth)
      .expect(404);
    const list = await request(s.url)
      .get('/api/staff/community/residents?status=pending')
      .set(nanlang.auth)
      .expect(200);
    const row = list.body.items.find((r: { id: number }) => r.id === body.resident.id);
    assert.equal(row.name, '赵**');
    assert.match(row.idNumber, /^110105\*{8}/);
    const none = await request(s.url).get('/api/staff/community/residents').set(huairou.auth).expect(200);
    assert.ok(!none.body.items.some((r: { id: number }) => r.id === body.resident.id));

    await request(s.url)
      .post(`/api/staff/community/residents/${body.resident.id}/confirm`)
      .set(nanlang.auth)
      .expect(200);
    const again = await request(s.url)
      .post(`/api/staff/community/residents/${body.resident.id}/confirm`)
      .set(nanlang.auth)
      .expect(409);
    assert.match(again.body.error.message, /已经处理过/);
    const mine = await request(s.url).get('/api/community/me/residence').set(c.auth).expect(200);
    assert.equal(mine.body.resident.status, 'confirmed');
  });

  it('proposal → comments → vote → one ballot each → close → counts and receipts anyone can check', async function () {
    this.timeout(60_000);
    const [a, b, c] = [
      await resident(s.url, nanlang, '钱提议'),
      await resident(s.url, nanlang, '孙投票'),
      await resident(s.url, nanlang, '李投票'),
    ];
    const outsider = await realNamed(s.url, '周路人');
    const elsewhere = await resident(s.url, huairou, '吴怀柔', HUAIROU);
    const matter = {
      title: '小区加装电动自行车充电桩',
      body: '建议在3号楼北侧空地加装20个充电桩，费用由公共收益列支。',
    };

    let r = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/proposals`)
      .set(outsider.auth)
      .send(matter)
      .expect(403);
    assert.equal(r.body.error.code, 'NOT_RESIDENT');
    r = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/proposals`)
      .set(elsewhere.auth)
      .send(matter)
      .expect(403);
    assert.match(r.body.error.message, /不是该村\/社区经确认的居民/);
    let list = await request(s.url).get(`/api/community/communities/${NANLANG}/proposals`).expect(200);
    assert.equal(list.body.items.length, 0);

    const { body } = await request(s.url)
      .post(`/api/community/communities/${NANLANG}/proposals`)
      .set(a.auth)
      .send(matter)
      .expect(201);
    const id = body.proposal.id;
    assert.equal(body.proposal.statusLabel, '讨论中');
    await request(s.url)
      .post(`/api/community/proposals/${id}/comments`)
      .set(b.auth)
      .send({ body: '赞成，晚上充电不用再拉线了' })
      .expect(201);
    const rude = await request(s.url)
      .post(`/api/community/proposals/${id}/comments`)
      .set(c.auth)
      .send({ body: '广告：低价充电器' })
      .expect(201);
    await request(s.url)
      .post(`/api/community/proposals/${id}/comments`)
      .set(outsider.auth)
      .send({ body: '路过' })
      .expect(403);
    await request(s.url)
      .post(`/api/staff/community/comments/${rude.body.comment.id}/hide`)
      .set(huairou.auth)
      .send({ reason: '广告' })
      .expect(404);
    await request(s.url)
      .post(`/api/staff/community/comments/${rude.body.comment.id}/hide`)
      .set(nanlang.auth)
      .send({ reason: '与议题无关的广告' })
      .expect(200);
    const shown = await request(s.url).get(`/api/community/proposals/${id}`).expect(200);
    assert.equal(shown.body.proposal.comments.length, 2);
    assert.equal(shown.body.proposal.comments[1].body, null);
    assert.equal(shown.body.proposal.comments[1].hiddenReason, '与议题无关的广告');
    assert.equal(shown.body.proposal.author, '钱**（居民）');

    // Not yet open; then the committee opens it.
    r = await request(s.url).post(`/api/community/proposals/${id}/votes`).set(b.auth).send({ option: 0 }).expect(409);
    assert.equal(r.body.error.code, 'VOTE_NOT_OPEN');
    await request(s.url).post(`/api/staff/community/proposals/${id}/open-vote`).set(huairou.auth).send({}).expect(404);
    await request(s.url).post(`/api/staff/community/proposals/${id}/open-vote`).set(nanlang.auth).send({}).expect(200);
    await request(s.url).post(`/api/staff/community/proposals/${id}/open-vote`).set(nanlang.auth).send({}).expect(409);

    // b votes five times at once: exactly one ballot.
    const burst = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(s.url).post(`/api/community/proposals/${id}/votes`).set(b.auth).send({ option: 0 }),
      ),
    );
    assert.deepEqual(burst.map((x) => x.status).sort(), [201, 409, 409, 409, 409]);
    const receiptB = burst.find((x) => x.status === 201)!.body.ballot.receipt;
    r = await request(s.url).post(`/api/community/proposals/${id}/votes`).set(b.auth).send({ option: 1 }).expect(409);
    assert.match(r.body.error.message, /只能投一票/);
    r = await request(s.url)
      .post(`/api/community/proposals/${id}/votes`)
      .set(outsider.auth)
      .send({ option: 0 })
      .expect(403);
    assert.equal(r.body.error.code, 'NOT_RESIDENT');
    await request(s.url)
      .post(`/api/community/proposals/${id}/votes`)
      .set(elsewhere.auth)
      .send({ option: 0 })
      .expect(403);
    r = await request(s.url).post(`/api/community/proposals/${id}/votes`).set(c.auth).send({ option: 7 }).expect(400);
    assert.equal(r.body.error.code, 'BAD_OPTION');
    await request(s.url).post(`/api/community/proposals/${id}/votes`).set(c.auth).send({ option: 1 }).expect(201);
    await request(s.url).post(`/api/community/proposals/${id}/votes`).set(a.auth).send({ option: 0 }).expect(201);
    const my = await request(s.url).get(`/api/community/proposals/${id}/my-ballot`).set(b.auth).expect(200);
    assert.deepEqual(my.body.ballot, { receipt: receiptB, option: 0 });
    await request(s.url).get(`/api/community/proposals/${id}/receipts`).expect(409);

    await request(s.url).post(`/api/staff/community/proposals/${id}/close-vote`).set(huairou.auth).expect(404);
    const closed = await request(s.url)
      .post(`/api/staff/community/proposals/${id}/close-vote`)
      .set(nanlang.auth)
      .expect(200);
    const result = closed.body.proposal.result;
    assert.equal(closed.body.proposal.statusLabel, '已公布结果');
    assert.equal(result.total, 3);
    assert.deepEqual(
      result.options.map((o: { label: string; votes: number }) => [o.label, o.votes]),
      [
        ['同意', 2],
        ['不同意', 1],
        ['弃权', 0],
      ],
    );
    await request(s.url).post(`/api/staff/community/proposals/${id}/close-vote`).set(nanlang.auth).expect(409);
    r = await request(s.url).post(`/api/community/proposals/${id}/votes`).set(c.auth).send({ option: 0 }).expect(409);
    await request(s.url).post(`/api/community/proposals/${id}/comments`).set(c.auth).send({ body: '晚了' }).expect(409);

    // Anyone recounts from the receipts, checks the hash, and b finds their own ballot.
    const receipts = await request(s.url).get(`/api/community/proposals/${id}/receipts`).expect(200);
    assert.equal(receipts.body.receipts.length, 3);
    const h = createHash('sha256');
    for (const x of receipts.body.receipts) h.update(`${x.receipt}:${x.option}\n`);
    assert.equal(h.digest('hex'), result.receiptsHash);
    assert.deepEqual(
      receipts.body.receipts.find((x: { receipt: string }) => x.receipt === receiptB),
      { receipt: receiptB, option: 0 },
    );
    list = await request(s.url).get(`/api/community/communities/${NANLANG}/proposals`).expect(200);
    assert.equal(list.body.items[0].result.total, 3);
  });

  it('publishes a 换届 term: announcement, candidates, then results, told to followers', async () => {
    const follower = await loginCitizen(s.url);
    await request(s.url).post('/api/community/follows').set(follower.auth).send({ code: NANLANG }).expect(200);
    const { body } = await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/elections`)
      .set(nanlang.auth)
      .send({
        term: 12,
        title: '南郎家园社区第十二届居民委员会换届选举',
        announcement: '定于2027年3月15日召开选举大会。',
      })
      .expect(201);
    const id = body.election.id;
    await request(s.url)
      .post(`/api/staff/community/communities/${NANLANG}/elections`)
      .set(nanlang.auth)
      .send({ term: 12, title: '重复', announcement: '重复' })
      .expect(409);
    let r = await request(s.url)
      .put(`/api/staff/community/elections/${id}/results`)
      .set(nanlang.auth)
      .send({ results: [{ name: '王秀兰', role: '主任', votes: 812, elected: true }] })
      .expect(409);
    assert.match(r.body.error.message, /先公布候选人/);
    await request(s.url)
      .put(`/api/staff/community/elections/${id}/candidates`)
      .set(huairou.auth)
      .send({ candidates: [{ name: '王秀兰', role: '主任' }] })
      .expect(404);
    await request(s.url)
      .put(`/api/staff/community/elections/${id}/candidates`)
      .set(nanlang.auth)
      .send({
        candidates: [
          { name: '王秀兰', role: '主任', intro: '现任主任' },
          { name: '刘建国', role: '主任' },
        ],
      })
      .expect(200);
    r = await request(s.url)
      .put(`/api/staff/community/elections/${id}/results`)
      .set(nanlang.auth)
      .send({
        results: [
          { name: '王秀兰', role: '主任', votes: 812, elected: true },
          { name: '刘建国', role: '主任', votes: 301, elected: false },
        ],
      })
      .expect(200);
    assert.equal(r.body.election.statusLabel, '已公布选举结果');
    const terms = await request(s.url).get(`/api/community/communities/${NANLANG}/elections`).expect(200);
    assert.equal(terms.body.items[0].results[0].name, '王秀兰');
    await s.app.platform.jobs.drain(); // followers are told by a job
    const messages = await request(s.url).get('/api/messages').set(follower.auth).expect(200);
    assert.ok(messages.body.items.filter((m: { title: string }) => m.title.includes('选举公告')).length >= 2);
  });
});
