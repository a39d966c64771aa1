import { withCheckDigit } from '../support/id-numbers';
import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';

const VALID_ID = '11010519491231002X'; // the example printed in GB 11643
const PHONE = '13912345678';

describe('A citizen binds their real name and phone', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.close());

  it('binds a valid ID number and only ever sees it masked', async () => {
    const c = await loginCitizen(s.url);
    const { body } = await request(s.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '张三', idNumber: VALID_ID.toLowerCase() })
      .expect(200);
    assert.equal(body.user.idNumber, '110105********002X');
    assert.equal(body.user.name, '张*');
    assert.equal(body.user.realNamed, true);
    const me = await request(s.url).get('/api/me').set(c.auth).expect(200);
    assert.equal(me.body.user.idNumber, '110105********002X');
    assert.equal(JSON.stringify(me.body).includes('19491231'), false);
  });

  it('rejects a wrong check digit with a message on the field, and changes nothing', async () => {
    const c = await loginCitizen(s.url);
    const r = await request(s.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '李四', idNumber: '110105194912310021' })
      .expect(400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.match(r.body.error.fields.idNumber, /校验位/);
    const me = await request(s.url).get('/api/me').set(c.auth).expect(200);
    assert.equal(me.body.user.realNamed, false);
  });

  it('rejects impossible or future birth dates and bad names', async () => {
    const c = await loginCitizen(s.url);
    // 2099-01-01 with a correct check digit is still not a real person.
    const future = withCheckDigit('11010520990101001');
    const r1 = await request(s.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '王五', idNumber: future })
      .expect(400);
    assert.match(r1.body.error.fields.idNumber, /出生日期/);
    const feb30 = withCheckDigit('11010519900230001');
    await request(s.url).put('/api/me/identity').set(c.auth).send({ name: '王五', idNumber: feb30 }).expect(400);
    const r3 = await request(s.url)
      .put('/api/me/identity')
      .set(c.auth)
      .send({ name: '<script>', idNumber: VALID_ID })
      .expect(400);
    assert.ok(r3.body.error.fields.name);
  });

  it('moves an ID number to the second account that passes verification for it; the first loses it', async () => {
    const id = withCheckDigit('44030519850615123');
    const a = await loginCitizen(s.url);
    await request(s.url).put('/api/me/identity').set(a.auth).send({ name: '陈一', idNumber: id }).expect(200);
    const b = await loginCitizen(s.url);
    const r = await request(s.url).put('/api/me/identity').set(b.auth).send({ name: '陈一', idNumber: id }).expect(200);
    assert.equal(r.body.user.realNamed, true);
    assert.ok(r.body.reclaimed);
    const me = await request(s.url).get('/api/me').set(a.auth).expect(200);
    assert.equal(me.body.user.realNamed, false);
  });

  it('leaves exactly one of several accounts racing for the same ID number holding it, never an error', async () => {
    const id = withCheckDigit('51010719900101321');
    const racers = await Promise.all(Array.from({ length: 6 }, () => loginCitizen(s.url)));
    const results = await Promise.all(
      racers.map((c) => request(s.url).put('/api/me/identity').set(c.auth).send({ name: '吴八', idNumber: id })),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200, 200, 200, 200, 200],
    );
    const named = await Promise.all(racers.map((c) => request(s.url).get('/api/me').set(c.auth)));
    assert.equal(named.filter((r) => r.body.user.realNamed).length, 1);
  });

  it('binds a phone number through a WeChat phone code', async () => {
    const c = await loginCitizen(s.url);
    const { body: minted } = await request(s.url)
      .post('/__wechat__/dev/phone-code')
      .send({ phoneNumber: PHONE })
      .expect(200);
    const { body } = await request(s.url).put('/api/me/phone').set(c.auth).send({ code: minted.code }).expect(200);
    assert.equal(body.user.phone, '139****5678');
    assert.equal(body.user.phoneBound, true);
    const reused = await request(s.url).put('/api/me/phone').set(c.auth).send({ code: minted.code }).expect(400);
    assert.equal(reused.body.error.code, 'PHONE_CODE_INVALID');
  });

  it('keeps no plaintext ID or phone in the database rows or in any log line', async () => {
    const c = await loginCitizen(s.url);
    const id = withCheckDigit('32010219770808456');
    await request(s.url).put('/api/me/identity').set(c.auth).send({ name: '赵六', idNumber: id }).expect(200);
    const { body: minted } = await request(s.url)
      .post('/__wechat__/dev/phone-code')
      .send({ phoneNumber: '13700001111' })
      .expect(200);
    await request(s.url).put('/api/me/phone').set(c.auth).send({ code: minted.code }).expect(200);
    // A log line carrying the raw values (as a careless handler might write) is masked too.
    s.app.platform.logger.info({ note: `debug ${id} ${'13700001111'}` }, 'careless line');

    const [rows] = await s.app.platform.db.query('SELECT * FROM users');
    const dump = JSON.stringify(rows);
    for (const secret of [id, '13700001111', '赵六', VALID_ID, PHONE]) {
      assert.equal(dump.includes(secret), false, `database holds ${secret} in clear`);
    }
    await new Promise((r) => setTimeout(r, 100));
    const logs = s.logs.join('\n');
    assert.ok(logs.includes('careless line'));
    for (const secret of [id, '13700001111', VALID_ID, PHONE]) {
      assert.equal(logs.includes(secret), false, `a log line holds ${secret}`);
    }
    assert.ok(logs.includes(`${id.slice(0, 6)}********${id.slice(14)}`));
  });
});
