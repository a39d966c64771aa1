import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import sharp from 'sharp';
import { loginCitizen } from '../../../test/support/citizen';
import { ownDatabase } from '../../../test/support/db';
import { startServer, type TestServer } from '../../../test/support/server';
import { addDays } from '../../src/platform/clock';
import { idNumber, pdfBytes } from '../assistance/support';
import { staffAt } from '../cases/support';
import { deliveriesTo, hex, until } from '../notices/support';

type Auth = Record<string, string>;
const DAY = 86_400_000;

/** A 76-year-old man from 保定竞秀 with dementia, as his daughter registers him. */
const wanderer = (over: Record<string, unknown> = {}) => ({
  name: '赵德明',
  sex: 'male',
  birthYear: 1950,
  heightCm: 166,
  accent: '保定口音',
  ethnicity: '汉族',
  features: '右耳后有疤，左手缺小指',
  condition: 'dementia',
  homeDivisionCode: '130602',
  homePlace: '保定市竞秀区东风路12号',
  guardianName: '赵晓红',
  guardianPhone: '13912345678',
  consent: true,
  ...over,
});

const notice = (today: string, over: Record<string, unknown> = {}) => ({
  sex: 'male',
  ageMin: 72,
  ageMax: 80,
  heightCm: 165,
  accent: '保定口音',
  ethnicity: '汉族',
  features: '左手缺小指',
  mentalState: '说不清住址',
  stationName: '保定市救助管理站',
  stationContact: '0312-1234567',
  stationDivisionCode: '130602',
  foundDate: addDays(today, -1),
  foundDivisionCode: '130602',
  foundPlace: '保定市竞秀区火车站广场',
  ...over,
});

describe('救助寻亲: 易走失人员 registered by families, found at intake; a notice’s push widens county → city → province', () => {
  let s: TestServer;
  let station: { auth: Auth };
  let chaoyangStation: { auth: Auth };
  let guardian: { auth: Auth };
  let wandererId: number;
  let today: string;
  const maleId = () => idNumber('19500314', '1', `${randomInt(0, 10)}3`);
  let id: string;

  before(async function () {
    this.timeout(120_000);
    // Its own database: the statistics and the push counts read a whole region.
    s = await startServer({ DATABASE_URL: await ownDatabase('family_search_wanderers') });
    today = s.app.platform.clock.today();
    station = await staffAt(s.url, ['1306'], ['station_staff'], '保定救助站李');
    chaoyangStation = await staffAt(s.url, ['110105'], ['station_staff'], '朝阳救助站王');
    guardian = await loginCitizen(s.url);
    id = maleId();
  });
  after(async () => s.close());

  it('refuses a registration without consent, a wrong ID number or phone, and stores nothing', async () => {
    const noConsent = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send(wanderer({ consent: false }))
      .expect(400);
    assert.equal(noConsent.body.error.code, 'CONSENT_REQUIRED');
    const badId = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send(wanderer({ idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` }))
      .expect(400);
    assert.equal(badId.body.error.code, 'VALIDATION_FAILED');
    const wrongYear = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send(wanderer({ idNumber: id, birthYear: 1952 }))
      .expect(400);
    assert.match(wrongYear.body.error.message, /出生年份与身份证号不一致/);
    await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send(wanderer({ guardianPhone: '12345' }))
      .expect(400);
    await request(s.url).post('/api/family-search/wanderers').send(wanderer()).expect(401);
    const mine = await request(s.url).get('/api/family-search/wanderers').set(guardian.auth).expect(200);
    assert.deepEqual(mine.body.items, []);
  });

  it('registers with consent: name, ID and phone encrypted at rest and masked in every answer; an ID registered twice is refused', async () => {
    const { body } = await request(s.url)
      .post('/api/family-search/wanderers')
      .set(guardian.auth)
      .send(wanderer({ idNumber: id }))
      .expect(201);
    wandererId = body.id;
    assert.equal(body.name, '赵**');
    assert.equal(body.idNumber, `${id.slice(0, 6)}********${id.slice(14)}`);
    assert.equal(body.guardian.phone, '139****5678');
    assert.equal(body.conditionLabel, '认知障碍（失智）');
    const row = (await s.app.modules.familySearch.models.Wanderer.findByPk(wandererId, { raw: true }))!;
    for (const plain of [id, '赵德明', '13912345678', '赵晓红'])
      assert.ok(!JSON.stringify(row).includes(plain), `${plain} stored in the clear`);
    const again = await request(s.url)
      .post('/api/family-search/wanderers')
      .set((await loginCitizen(s.url)).auth)
      .send(wanderer({ idNumber: id }))
      .expect(409);
    assert.equal(again.body.error.code, 'WANDERER_EXISTS');
    // A photo is stored without EXIF; a PDF is not a photo.
    const jpeg = await sharp({ create: { width: 40, height: 40, channels: 3, background: { r: 9, g: 9, b: 9 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'FamilyCam' } })
      .toBuffer();
    await request(s.url)
      .put(`/api/family-search/wanderers/${wandererId}/photo`)
      .set(guardian.auth)
      .attach('file', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' })
      .expect(200);
    await request(s.url)
      .put(`/api/family-search/wanderers/${wandererId}/photo`)
      .set(guardian.auth)
      .attach('file', pdfBytes(), { filename: 'a.jpg', contentType: 'image/jpeg' })
      .expect(400);
    // Another citizen cannot touch it.
    await request(s.url)
      .delete(`/api/family-search/wanderers/${wandererId}`)
      .set((await loginCitizen(s.url)).auth)
      .expect(404);
  });

  it('a station’s intake search finds the person by description or ID number, masked and audited; other divisions’ stations cannot search as this station', async () => {
    const byLooks = await request(s.url)
      .post('/api/staff/family-search/wanderers/search')
      .set(station.auth)
      .send({
        stationDivisionCode: '130602',
        sex: 'male',
        ageMin: 72,
        ageMax: 80,
        accent: '保定',
        features: '左手缺小指',
      })
      .expect(200);
    const hit = byLooks.body.items[0];
    assert.equal(hit.id, wandererId);
    assert.ok(hit.reasons.includes('体貌特征相符：左手缺小指'), hit.reasons.join('|'));
    assert.equal(hit.guardian.phone, '139****5678');
    assert.ok(!JSON.stringify(byLooks.body).includes('13912345678'));
    const photo = await request(s.url).get(hit.photo).set(station.auth).buffer(true).expect(200);
    assert.equal((await sharp(photo.body as Buffer).metadata()).exif, undefined);
    const byId = await request(s.url)
      .post('/api/staff/family-search/wanderers/search')
      .set(station.auth)
      .send({ stationDivisionCode: '130602', sex: 'male', ageMin: 30, ageMax: 40, idNumber: id })
      .expect(200);
    assert.equal(byId.body.items[0].id, wandererId);
    assert.deepEqual(byId.body.items[0].reasons, ['身份证号一致']);
    await request(s.url)
      .post('/api/staff/family-search/wanderers/search')
      .set(chaoyangStation.auth)
      .send({ stationDivisionCode: '130602', sex: 'male', ageMin: 72, ageMax: 80 })
      .expect(404);
    const bad = await request(s.url)
      .post('/api/staff/family-search/wanderers/search')
      .set(station.auth)
      .send({ stationDivisionCode: '130602', sex: 'male', ageMin: 80, ageMax: 70 })
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    const [rows] = (await s.app.platform.db.query(
      "SELECT detail FROM audit_logs WHERE action = 'family_search.wanderer_search'",
    )) as [Array<{ detail: unknown }>, unknown];
    assert.equal(rows.length, 2);
    assert.ok(!JSON.stringify(rows).includes(id), 'the ID number is not in the audit log');
  });

  it('a new notice that fits tells the guardian at once, and only once; the station’s own “tell the family” then says so', async () => {
    const { body: n } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice(today))
      .expect(201);
    const told = await until('the guardian told', async () => {
      const m = await request(s.url).get('/api/messages').set(guardian.auth).expect(200);
      const items = m.body.items.filter((x: { title: string }) => x.title === '救助管理站可能找到了您登记的赵**');
      return items.length ? items : null;
    });
    assert.equal(told.length, 1);
    assert.match(told[0].body, /保定市救助管理站（0312-1234567）/);
    const manual = await request(s.url)
      .post(`/api/staff/family-search/wanderers/${wandererId}/notify`)
      .set(station.auth)
      .send({ noticeId: n.id })
      .expect(200);
    assert.equal(manual.body.told, false);
    // 朝阳's station cannot use 保定's notice.
    await request(s.url)
      .post(`/api/staff/family-search/wanderers/${wandererId}/notify`)
      .set(chaoyangStation.auth)
      .send({ noticeId: n.id })
      .expect(404);
    const m = await request(s.url).get('/api/messages').set(guardian.auth).expect(200);
    assert.equal(m.body.items.filter((x: { title: string }) => x.title.startsWith('救助管理站可能找到了')).length, 1);
  });

  it('withdrawing consent deletes the registration: the intake search no longer finds it', async () => {
    await request(s.url).delete(`/api/family-search/wanderers/${wandererId}`).set(guardian.auth).expect(200);
    const { body } = await request(s.url)
      .post('/api/staff/family-search/wanderers/search')
      .set(station.auth)
      .send({ stationDivisionCode: '130602', sex: 'male', ageMin: 30, ageMax: 40, idNumber: id })
      .expect(200);
    assert.ok(body.items.every((w: { id: number }) => w.id !== wandererId));
    assert.equal(
      await s.app.modules.familySearch.models.WandererPhoto.count({ where: { wanderer_id: wandererId } }),
      0,
    );
  });

  it('pushes a new notice to the county’s followers, proposes the city after 3 days and the province after 10, each approved by staff, nobody told twice', async function () {
    this.timeout(120_000);
    const editor = await staffAt(s.url, ['13', '11'], ['editor'], '宣传编辑');
    const ticketFor = async (divisionCode: string) =>
      (
        await request(s.url)
          .post('/api/staff/mp/scenes')
          .set(editor.auth)
          .send({ kind: 'campaign', title: `关注${divisionCode}${hex()}`, divisionCode })
          .expect(201)
      ).body.scene.ticket as string;
    const follower = async (divisionCode: string) => {
      const openid = `o_fsp_${hex()}`;
      await request(s.url)
        .post('/__wechat__/dev/mp/scan')
        .send({ openid, ticket: await ticketFor(divisionCode) })
        .expect(200);
      return openid;
    };
    const county = await follower('130602'); // 竞秀区
    const city = await follower('130606'); // 莲池区, same city 保定
    const province = await follower('130102'); // 石家庄长安区, same province
    const elsewhere = await follower('110105'); // 北京朝阳
    await s.app.platform.jobs.drain();
    const got = async (openid: string) => (await deliveriesTo(s.url, openid)).template;

    const { body: n } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(notice(today, { features: '额头有胎记', accent: '唐山口音', ageMin: 40, ageMax: 45 }))
      .expect(201);
    await s.app.platform.jobs.drain();
    await until('the county follower told', async () => (await got(county)) === 1);
    const pushes = async () =>
      (await request(s.url).get(`/api/staff/family-search/notices/${n.id}/pushes`).set(station.auth).expect(200)).body;
    assert.deepEqual(
      (await pushes()).items.map((p: { level: string; status: string }) => [p.level, p.status]),
      [['county', 'sent']],
    );
    // Too early to widen: nothing proposed, the approval is refused.
    await s.app.platform.jobs.enqueue('family-search.widen', {});
    await s.app.platform.jobs.drain();
    const early = await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/city/approve`)
      .set(station.auth)
      .expect(409);
    assert.equal(early.body.error.code, 'PUSH_NOT_PROPOSED');
    await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/country/approve`)
      .set(station.auth)
      .expect(400);

    s.app.platform.clock.advance(3 * DAY + 3600_000);
    await s.app.platform.jobs.enqueue('family-search.widen', {});
    await s.app.platform.jobs.drain();
    const inbox = await request(s.url).get('/api/staff/family-search/pushes').set(station.auth).expect(200);
    const proposal = inbox.body.items.find((p: { noticeId: number }) => p.noticeId === n.id);
    assert.equal(proposal.level, 'city');
    assert.equal(proposal.divisionCode, '130600');
    assert.equal(proposal.statusLabel, '待审批扩大');
    // Not another division's staff to approve; not yet sent before approval.
    await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/city/approve`)
      .set(chaoyangStation.auth)
      .expect(404);
    assert.equal(await got(city), 0);
    await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/city/approve`)
      .set(station.auth)
      .expect(200);
    await s.app.platform.jobs.drain();
    await until('the city follower told', async () => (await got(city)) === 1);
    const twice = await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/city/approve`)
      .set(station.auth)
      .expect(409);
    assert.equal(twice.body.error.code, 'PUSH_ALREADY_APPROVED');

    s.app.platform.clock.advance(10 * DAY + 3600_000);
    await s.app.platform.jobs.enqueue('family-search.widen', {});
    await s.app.platform.jobs.drain();
    await request(s.url)
      .post(`/api/staff/family-search/notices/${n.id}/pushes/province/approve`)
      .set(station.auth)
      .expect(200);
    await s.app.platform.jobs.drain();
    await until('the province follower told', async () => (await got(province)) === 1);
    // Run the widening and the sends again: nothing new.
    await s.app.platform.jobs.enqueue('family-search.widen', {});
    await s.app.platform.jobs.drain();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual([await got(county), await got(city), await got(province), await got(elsewhere)], [1, 1, 1, 0]);
    const all = (await pushes()).items as Array<{
      level: string;
      status: string;
      recipients: number;
      divisionCode: string;
    }>;
    assert.deepEqual(
      all.map((p) => [p.level, p.divisionCode, p.status, p.recipients]),
      [
        ['county', '130602', 'sent', 1],
        ['city', '130600', 'sent', 1],
        ['province', '130000', 'sent', 1],
      ],
    );
    const audits = (await s.app.platform.db.query(
      "SELECT detail FROM audit_logs WHERE action = 'family_search.push_widen'",
    )) as [unknown[], unknown];
    assert.equal(audits[0].length, 2);
  });

  it('statistics: notices by status, reunions per month, median days in care, by region — within scope, bad ranges refused', async () => {
    const from = addDays(today, -30);
    const { body: n } = await request(s.url)
      .post('/api/staff/family-search/notices')
      .set(station.auth)
      .send(
        notice(s.app.platform.clock.today(), {
          foundDate: addDays(today, 1),
          foundDivisionCode: '130606',
          ageMin: 20,
          ageMax: 25,
        }),
      )
      .expect(201);
    for (const status of ['lead', 'verified', 'reunited'])
      await request(s.url)
        .post(`/api/staff/family-search/notices/${n.id}/status`)
        .set(station.auth)
        .send({ status })
        .expect(200);
    const to = s.app.platform.clock.today();
    const { body } = await request(s.url)
      .get('/api/staff/family-search/stats')
      .query({ from, to })
      .set(station.auth)
      .expect(200);
    const by = Object.fromEntries(body.byStatus.map((x: { status: string; count: number }) => [x.status, x.count]));
    assert.equal(body.total, 3);
    assert.equal(by.reunited, 1);
    assert.equal(by.open + by.lead, 2);
    // Found on day 1 after `today`, reunited 13 days and 2 hours later (the clock moved): 12 or 13 Beijing days.
    assert.ok([12, 13].includes(body.medianDaysToReunion), String(body.medianDaysToReunion));
    assert.deepEqual(
      body.byRegion.map((r: { divisionCode: string; total: number; reunited: number }) => [
        r.divisionCode,
        r.total,
        r.reunited,
      ]),
      [
        ['130602', 2, 0],
        ['130606', 1, 1],
      ],
    );
    assert.equal(
      body.byMonth.reduce((a: number, m: { reunited: number }) => a + m.reunited, 0),
      1,
    );
    const other = await request(s.url)
      .get('/api/staff/family-search/stats')
      .query({ from, to })
      .set(chaoyangStation.auth)
      .expect(200);
    assert.equal(other.body.total, 0);
    const bad = await request(s.url)
      .get('/api/staff/family-search/stats')
      .query({ from: to, to: from })
      .set(station.auth)
      .expect(400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    await request(s.url).get('/api/staff/family-search/stats').query({ from: 'x', to }).set(station.auth).expect(400);
  });
});
