import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { staffAt } from '../cases/support';
import { demoPlaces } from './support';

type Staff = Awaited<ReturnType<typeof staffAt>>;

/**
 * 殡葬收费: a family finds the funeral home and its published fee list; its staff record the
 * family's charges only from that list (a fee outside it, or a price of their own, is refused and
 * nothing is recorded); the family opens the itemized bill with the code printed on it, sees the
 * 惠民殡葬 waivers applied and 「您应付」, and reports a problem, which becomes a complaint they
 * can follow.
 */
describe('殡葬服务 · the fee list as code: from the published list to the family’s bill', () => {
  let s: TestServer;
  let places: Awaited<ReturnType<typeof demoPlaces>>;
  let clerk: Staff;
  let haidianClerk: Staff;

  before(async () => {
    s = await startServer();
    places = await demoPlaces(s);
    clerk = await staffAt(s.url, ['110105'], ['funeral_staff'], '朝阳殡仪馆业务员');
    haidianClerk = await staffAt(s.url, ['110108'], ['funeral_staff'], '海淀殡仪馆业务员');
  });
  after(async () => s.close());

  it('shows the directory and a home’s published list: class, unit, legal basis, waivers, 12358', async () => {
    const homes = (await request(s.url).get('/api/funeral/places?kind=funeral_home&division=110105').expect(200)).body;
    assert.ok(homes.items.some((p: { id: number }) => p.id === places.chaoyangHome));
    assert.ok(homes.items.every((p: { kindName: string }) => p.kindName === '殡仪馆'));
    const { place, fees } = (await request(s.url).get(`/api/funeral/places/${places.chaoyangHome}`).expect(200)).body;
    assert.equal(place.priceComplaintLine, '12358');
    assert.ok(place.hours.includes('08:00'));
    const cremation = fees.find((f: { code: string }) => f.code === 'cremation');
    assert.equal(cremation.feeClassName, '基本服务（政府定价）');
    assert.equal(cremation.unitName, '具');
    assert.equal(cremation.priceCents, 25000);
    assert.match(cremation.legalBasis, /殡葬管理条例/);
    assert.ok(cremation.waivers.some((w: { name: string }) => w.name === '本地户籍火化基本殡葬服务费减免'));
    const hall = fees.find((f: { code: string }) => f.code === 'farewell_large');
    assert.equal(hall.feeClassName, '选择性服务（政府指导价）');
    assert.deepEqual(hall.waivers, []);

    const bad = await request(s.url).get('/api/funeral/places?kind=hospital').expect(400);
    assert.match(bad.body.error.message, /殡仪馆或公墓/);
    await request(s.url).get('/api/funeral/places/999999').expect(404);
  });

  it('records charges from the list, applies 惠民 waivers with their limits, and the family sees 「您应付」', async () => {
    const opened = await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({
        placeId: places.chaoyangHome,
        deceasedName: '王建国',
        waivers: ['local'],
        charges: [
          { itemCode: 'transfer', quantity: 20 },
          { itemCode: 'storage', quantity: 5 },
          { itemCode: 'cremation', quantity: 1 },
        ],
      });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const { billNo } = opened.body.bill;
    const { claimCode } = opened.body;
    assert.match(billNo, /^BZ\d{8}[A-Z0-9]{6}$/);
    assert.equal(opened.body.bill.deceasedName, '王**');

    // A fee outside the published list: refused, and nothing of the request is recorded.
    const outside = await request(s.url)
      .post(`/api/staff/funeral/bills/${billNo}/charges`)
      .set(clerk.auth)
      .send({
        charges: [
          { itemCode: 'makeup', quantity: 1 },
          { itemCode: 'filial_package', quantity: 1 },
        ],
      })
      .expect(400);
    assert.equal(outside.body.error.code, 'FEE_NOT_LISTED');
    assert.match(outside.body.error.message, /filial_package.*不在本单位公示的收费目录中/);
    // A price of their own is no field of a charge.
    const priced = await request(s.url)
      .post(`/api/staff/funeral/bills/${billNo}/charges`)
      .set(clerk.auth)
      .send({ charges: [{ itemCode: 'makeup', quantity: 1, priceCents: 99900 }] })
      .expect(400);
    assert.equal(priced.body.error.code, 'VALIDATION_FAILED');
    let staffView = (await request(s.url).get(`/api/staff/funeral/bills/${billNo}`).set(clerk.auth).expect(200)).body;
    assert.equal(staffView.bill.lines.length, 3, 'nothing of the refused requests was recorded');

    // An extra at the guidance price, recorded from the list: not waived.
    await request(s.url)
      .post(`/api/staff/funeral/bills/${billNo}/charges`)
      .set(clerk.auth)
      .send({ charges: [{ itemCode: 'makeup', quantity: 1 }] })
      .expect(200);

    // Another region's staff cannot see or charge it; a clerk cannot open a bill at another region's home.
    await request(s.url).get(`/api/staff/funeral/bills/${billNo}`).set(haidianClerk.auth).expect(404);
    await request(s.url)
      .post(`/api/staff/funeral/bills/${billNo}/charges`)
      .set(haidianClerk.auth)
      .send({ charges: [{ itemCode: 'cremation', quantity: 1 }] })
      .expect(404);
    await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({ placeId: places.haidianHome, deceasedName: '李四', charges: [] })
      .expect(404);
    // A cemetery records no funeral-home charges.
    const cemetery = await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({ placeId: places.chaoyangCemetery, deceasedName: '李四' })
      .expect(400);
    assert.equal(cemetery.body.error.code, 'NOT_A_FUNERAL_HOME');

    // The family opens it with the code printed on the bill; a wrong code finds nothing.
    const family = await loginCitizen(s.url);
    const wrong = await request(s.url)
      .post('/api/funeral/bills/claim')
      .set(family.auth)
      .send({ billNo, code: 'ZZZZZZZZ' });
    assert.equal(wrong.status, 404, JSON.stringify(wrong.body));
    await request(s.url).get(`/api/funeral/bills/${billNo}`).set(family.auth).expect(404);
    const claimed = await request(s.url)
      .post('/api/funeral/bills/claim')
      .set(family.auth)
      .send({ billNo, code: claimCode.toLowerCase() })
      .expect(200);
    const bill = claimed.body.bill;
    const line = (code: string) => bill.lines.find((l: { itemCode: string }) => l.itemCode === code);
    // 接运 20 公里 × 3 元 = 60 元, free (within 160 公里)
    assert.deepEqual([line('transfer').amountCents, line('transfer').waivedCents], [6000, 6000]);
    // 存放 5 天 × 80 元 = 400 元, free for 3 days: pay 160 元
    assert.deepEqual(
      [line('storage').amountCents, line('storage').waivedCents, line('storage').payableCents],
      [40000, 24000, 16000],
    );
    assert.equal(line('cremation').payableCents, 0);
    assert.deepEqual([line('makeup').feeClassName, line('makeup').payableCents], ['选择性服务（政府指导价）', 30000]);
    assert.equal(bill.totalCents, 6000 + 40000 + 25000 + 30000);
    assert.equal(bill.waivedCents, 6000 + 24000 + 25000);
    assert.equal(bill.payableCents, 16000 + 30000);
    assert.equal(bill.place.priceComplaintLine, '12358');
    assert.equal(bill.reportLink, `/packages/funeral/pages/bill/index?billNo=${billNo}`);

    // It is theirs now: in 我的账单, and nobody else can take it with the same code.
    const mine = (await request(s.url).get('/api/funeral/bills').set(family.auth).expect(200)).body;
    assert.deepEqual(
      mine.items.map((b: { billNo: string }) => b.billNo),
      [billNo],
    );
    const stranger = await loginCitizen(s.url);
    const taken = await request(s.url)
      .post('/api/funeral/bills/claim')
      .set(stranger.auth)
      .send({ billNo, code: claimCode })
      .expect(409);
    assert.equal(taken.body.error.code, 'BILL_CLAIMED');
    await request(s.url).get(`/api/funeral/bills/${billNo}`).set(stranger.auth).expect(404);

    // Staff writes and reads are audited.
    const audit = await s.app.platform.audit.search({ targetType: 'funeral_bill', targetId: billNo, limit: 20 });
    const actions = audit.map((a: { action: string }) => a.action);
    for (const a of ['funeral.bill.open', 'funeral.bill.charge', 'funeral.bill.read', 'funeral.bill.claim'])
      assert.ok(actions.includes(a), `${a} audited`);
    staffView = (await request(s.url).get(`/api/staff/funeral/bills/${billNo}`).set(clerk.auth).expect(200)).body;
    assert.equal(JSON.stringify(staffView).includes('王建国'), false, 'the name is masked for staff too');

    // 「账单有问题」: a complaint through the complaint flow, followed in 我的投诉.
    const report = await request(s.url)
      .post(`/api/funeral/bills/${billNo}/problems`)
      .set(family.auth)
      .send({ content: '整容费用事先没有告知，我们没有选择这项服务。', idempotencyKey: `bill-${billNo}` });
    assert.equal(report.status, 201, JSON.stringify(report.body));
    const trackingNo = report.body.complaint.trackingNo;
    const complaint = (
      await request(s.url).get(`/api/social-orgs/complaints/${trackingNo}`).set(family.auth).expect(200)
    ).body;
    assert.match(JSON.stringify(complaint), new RegExp(`账单${billNo}`));
    assert.match(JSON.stringify(complaint), /朝阳区惠民殡仪馆/);
    await request(s.url)
      .post(`/api/funeral/bills/${billNo}/problems`)
      .set(stranger.auth)
      .send({ content: '我想投诉这个账单里面的收费问题。', idempotencyKey: 'stranger-1' })
      .expect(404);
  });

  it('caps a waiver per deceased, and 特困 waives every basic service in full', async () => {
    const charges = [
      { itemCode: 'transfer', quantity: 200 },
      { itemCode: 'disinfect', quantity: 1 },
      { itemCode: 'storage', quantity: 3 },
      { itemCode: 'farewell_small', quantity: 1 },
      { itemCode: 'cremation', quantity: 1 },
      { itemCode: 'urn_basic', quantity: 1 },
      { itemCode: 'ashes_keep', quantity: 3 },
    ];
    const local = await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({ placeId: places.chaoyangHome, deceasedName: '赵六', waivers: ['local'], charges })
      .expect(201);
    // 接运 160 km free of 200, 寄存 2 of 3 years: everything waived adds to exactly the 1540 元 cap.
    assert.equal(local.body.bill.waivedCents, 154000);
    assert.equal(local.body.bill.payableCents, 40 * 300 + 5000);
    const tekun = await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({ placeId: places.chaoyangHome, deceasedName: '钱七', waivers: ['tekun'], charges })
      .expect(201);
    assert.equal(tekun.body.bill.payableCents, 0);
    const none = await request(s.url)
      .post('/api/staff/funeral/bills')
      .set(clerk.auth)
      .send({ placeId: places.chaoyangHome, deceasedName: '孙八', waivers: ['vip'] })
      .expect(400);
    assert.match(none.body.error.message, /减免类型无效/);
  });
});
