import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../../../config';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { withCheckDigit } from '../support/id-numbers';

/** A checksum-valid number nobody else in this run holds (Shenzhen 440305, a random birth day). */
function freshId(): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + randomInt(0, 15_000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '');
  return withCheckDigit(`440305${birth}${String(randomInt(100, 999))}`);
}

describe('Real names are verified with the identity provider before they bind', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ RATE_IDENTITY_PER_USER: '50', RATE_IDENTITY_PER_IP: '500' });
  });
  after(async () => s.close());

  const bind = (auth: Record<string, string>, name: string, idNumber: string) =>
    request(s.url).put('/api/me/identity').set(auth).send({ name, idNumber });
  const me = async (auth: Record<string, string>) =>
    (await request(s.url).get('/api/me').set(auth).expect(200)).body.user;

  it('binds the example printed in the standard (张三 11010519491231002X) and any checksum-valid stranger', async () => {
    const c = await loginCitizen(s.url);
    const ok = await bind(c.auth, '张三', '11010519491231002X').expect(200);
    assert.equal(ok.body.user.realNamed, true);
    const d = await loginCitizen(s.url);
    await bind(d.auth, '黄小明', freshId()).expect(200);
  });

  it('refuses each person on the simulator’s list, says why in Chinese, and binds nothing', async () => {
    const cases: [string, string, RegExp][] = [
      ['李四', '110105199003071239', /姓名与身份证号不一致/], // the made-up name that once booked a marriage
      ['孙永福', '110101193501010014', /户籍已注销/],
      ['钱丽', '110102198805050022', /已挂失/],
      ['周游', '110106200001010012', /未查到该身份证号/],
    ];
    for (const [name, idNumber, why] of cases) {
      const c = await loginCitizen(s.url);
      const refused = await bind(c.auth, name, idNumber).expect(422);
      assert.equal(refused.body.error.code, 'IDENTITY_NOT_VERIFIED');
      assert.match(refused.body.error.message, why);
      assert.equal((await me(c.auth)).realNamed, false);
      assert.equal((await me(c.auth)).idNumber, null);
      // The refusal is audited, without the number.
      const [rows] = (await s.app.platform.db.query(
        `SELECT detail FROM audit_logs WHERE action = 'identity.refused' AND actor_id = '${c.user.id}'`,
      )) as [{ detail: string }[], unknown];
      assert.equal(rows.length, 1);
      assert.equal(rows[0].detail.includes(idNumber), false);
    }
    // The number's real owner verifies.
    const owner = await loginCitizen(s.url);
    await bind(owner.auth, '王建国', '110105199003071239').expect(200);
  });

  it('lets the owner take back a number another WeChat account holds; that account loses it and is told', async () => {
    const id = freshId();
    const squatter = await loginCitizen(s.url);
    await bind(squatter.auth, '周三', id).expect(200);
    const owner = await loginCitizen(s.url);
    const taken = await bind(owner.auth, '周三', id).expect(200);
    assert.equal(taken.body.status, 'bound');
    assert.equal(taken.body.user.realNamed, true);
    assert.match(taken.body.reclaimed.message, /已归您的账号/);
    assert.equal((await me(owner.auth)).idNumber, `${id.slice(0, 6)}********${id.slice(14)}`);
    const lost = await me(squatter.auth);
    assert.equal(lost.realNamed, false);
    assert.equal(lost.idNumber, null);
    // The former account finds out in 消息, with the number masked.
    const inbox = await request(s.url).get('/api/messages').set(squatter.auth).expect(200);
    const notice = inbox.body.items.find((m: { title: string }) => m.title === '实名信息已解除');
    assert.ok(notice, 'the former account is told');
    assert.match(notice.body, new RegExp(`${id.slice(0, 6)}\\*{8}${id.slice(14)}`));
    assert.equal(JSON.stringify(inbox.body).includes(id), false);
    // Audited: the owner's bind and the reclaim from the other account.
    const [audit] = (await s.app.platform.db.query(
      `SELECT action, target_id FROM audit_logs WHERE actor_id = '${owner.user.id}' AND action LIKE 'identity.%' ORDER BY id`,
    )) as [{ action: string; target_id: string }[], unknown];
    assert.deepEqual(
      audit.map((a) => [a.action, String(a.target_id)]),
      [
        ['identity.bind', String(owner.user.id)],
        ['identity.reclaim', String(squatter.user.id)],
      ],
    );
  });

  it('does not let a wrong name take a held number: the holder keeps it', async () => {
    const owner = await loginCitizen(s.url);
    await bind(owner.auth, '王建国', '110105199003071239').expect(200);
    const other = await loginCitizen(s.url);
    await bind(other.auth, '李四', '110105199003071239').expect(422);
    assert.equal((await me(owner.auth)).realNamed, true);
  });

  it('settles a claim kept pending before verification existed when its claimant verifies', async () => {
    const id = freshId();
    const holder = await loginCitizen(s.url);
    await bind(holder.auth, '吴四', id).expect(200);
    const claimant = await loginCitizen(s.url);
    const { pii } = s.app.platform;
    const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
    await s.app.platform.db.query(
      `INSERT INTO identity_claims (user_id, name_enc, id_number_enc, id_number_hash, status, created_at, updated_at)
       VALUES (${claimant.user.id}, '${pii.encrypt('吴四')}', '${pii.encrypt(id)}', '${pii.hash(id)}', 'pending', '${now}', '${now}')`,
    );
    await bind(claimant.auth, '吴四', id).expect(200);
    const [left] = (await s.app.platform.db.query(
      `SELECT id FROM identity_claims WHERE user_id = ${claimant.user.id}`,
    )) as [unknown[], unknown];
    assert.equal(left.length, 0);
    assert.equal((await me(holder.auth)).realNamed, false);
  });
});

describe('The identity provider is chosen by the environment', () => {
  const prod = {
    NODE_ENV: 'production',
    WX_MINI_SECRET: 'a-real-mini-secret-value',
    WX_MP_SECRET: 'a-real-mp-secret-value-x',
    WX_MP_TOKEN: 'realtoken',
    WX_MP_AES_KEY: 'Zyxwvutsrqponmlkjihgfedcba9876543210ABCDEFG',
    SESSION_SECRET: 'x'.repeat(40),
    PII_KEY: Buffer.alloc(32, 7).toString('base64'),
    VOLUNTEER_CERT_KEY: Buffer.alloc(32, 9).toString('base64'),
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    IDENTITY_VERIFY_URL: 'https://idv.example.gov.cn',
  };

  it('refuses the simulator in production, and production without a provider', () => {
    assert.equal(loadConfig(prod).identityVerify.provider, 'http');
    assert.throws(
      () => loadConfig({ ...prod, IDENTITY_VERIFY_PROVIDER: 'simulator' }),
      /IDENTITY_VERIFY_PROVIDER=simulator is for development/,
    );
    assert.throws(() => loadConfig({ ...prod, IDENTITY_VERIFY_URL: undefined }), /IDENTITY_VERIFY_URL is required/);
    assert.equal(loadConfig({}).identityVerify.provider, 'simulator');
    assert.throws(() => loadConfig({ IDENTITY_VERIFY_PROVIDER: 'http' }), /needs IDENTITY_VERIFY_URL/);
  });

  it('answers 503 and binds nothing when the provider cannot be reached', async () => {
    const s = await startServer({ IDENTITY_VERIFY_URL: 'http://127.0.0.1:9' });
    try {
      const c = await loginCitizen(s.url);
      const r = await request(s.url)
        .put('/api/me/identity')
        .set(c.auth)
        .send({ name: '张三', idNumber: '11010519491231002X' })
        .expect(503);
      assert.equal(r.body.error.code, 'IDENTITY_VERIFY_UNAVAILABLE');
      assert.match(r.body.error.message, /实名核验服务暂时不可用/);
      const me = await request(s.url).get('/api/me').set(c.auth).expect(200);
      assert.equal(me.body.user.realNamed, false);
    } finally {
      await s.close();
    }
  });
});
