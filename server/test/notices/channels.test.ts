import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { citizenWithUnion, deliveriesTo, follow, registerProgressTemplate, TEMPLATE, until } from './support';

describe('notify() picks the WeChat channel and tracks delivery', () => {
  let s: TestServer;
  const data = { item: '最低生活保障申请', status: '已受理', time: '2026-12-01 10:00' };
  const notices = () => s.app.modules.notices;
  const delivery = async (id?: number) => (await notices().delivery(id!))!;

  before(async () => {
    s = await startServer();
    registerProgressTemplate(s);
  });
  after(async () => s.close());

  it('sends a template message to a citizen who follows the account, and the delivery event marks it delivered', async () => {
    const c = await citizenWithUnion(s.url);
    const mpOpenid = await follow(s, c.unionid);
    const r = await notices().notify(
      { userId: c.userId },
      'test.progress',
      data,
      '/packages/assistance/pages/index/index?id=7',
    );
    assert.equal(r.channel, 'mp_template');
    const d = await until('delivered', async () => {
      const x = await delivery(r.outboxId);
      return x.status === 'delivered' && x;
    });
    assert.match(d.msgid!, /^\d{16,20}$/);
    assert.ok(BigInt(d.msgid!) > 2n ** 53n, 'the int64 msgid is kept exact');
    assert.deepEqual(await deliveriesTo(s.url, mpOpenid), { template: 1, subscribe: 0 });
    // The 消息 list has it too, with its delivery.
    const msg = await request(s.url).get(`/api/messages/${r.messageId}`).set(c.auth).expect(200);
    assert.deepEqual(msg.body.message.delivery, { channel: 'mp_template', status: 'delivered' });
  });

  it('uses a subscribe message when they do not follow but left a consent, spending one per send', async () => {
    const c = await citizenWithUnion(s.url);
    // The phone's requestSubscribeMessage: WeChat learns it, and the page tells us.
    await request(s.url)
      .post('/__wechat__/dev/mini/consent')
      .send({ openid: c.openid, templateId: TEMPLATE.mini })
      .expect(200);
    const consents = await request(s.url)
      .post('/api/messages/consents')
      .set(c.auth)
      .send({ results: { [TEMPLATE.mini]: 'accept', SUB_other_template_01: 'reject' } })
      .expect(200);
    assert.deepEqual(consents.body.consents, { [TEMPLATE.mini]: 1 });

    const first = await notices().notify({ userId: c.userId }, 'test.progress', data, '/pages/messages/index');
    assert.equal(first.channel, 'mini_subscribe');
    await until('sent', async () => (await delivery(first.outboxId)).status === 'sent');
    const second = await notices().notify({ userId: c.userId }, 'test.progress', data);
    assert.equal(second.channel, 'inbox', 'no consent left: the 消息 list only');
    assert.deepEqual(await deliveriesTo(s.url, c.openid), { template: 0, subscribe: 1 });
    assert.equal((await request(s.url).get('/api/messages').set(c.auth).expect(200)).body.total, 2);
  });

  it('keeps to the 消息 list for someone with neither, or who turned that kind off', async () => {
    const c = await citizenWithUnion(s.url);
    assert.equal((await notices().notify({ userId: c.userId }, 'test.progress', data)).channel, 'inbox');
    await follow(s, c.unionid);
    const prefs = await request(s.url)
      .put('/api/messages/preferences')
      .set(c.auth)
      .send({ application: false })
      .expect(200);
    assert.equal(prefs.body.preferences.application, false);
    assert.equal(prefs.body.preferences.booking, true);
    assert.equal((await notices().notify({ userId: c.userId }, 'test.progress', data)).channel, 'inbox');
    await request(s.url).put('/api/messages/preferences').set(c.auth).send({ application: true }).expect(200);
    assert.equal((await notices().notify({ userId: c.userId }, 'test.progress', data)).channel, 'mp_template');
    await request(s.url).put('/api/messages/preferences').set(c.auth).send({ nonsense: true }).expect(400);
    await request(s.url)
      .post('/api/messages/consents')
      .set(c.auth)
      .send({ results: { bad: 'accept' } })
      .expect(400);
  });

  it('shortens text fields to WeChat limits before sending', async () => {
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    const r = await notices().notify({ userId: c.userId }, 'test.progress', {
      ...data,
      item: '特困人员救助供养申请（含生活不能自理人员照料护理）',
      status: '已经受理完成',
    });
    await until('delivered', async () => (await delivery(r.outboxId)).status === 'delivered');
    const [[row]] = (await s.app.platform.db.query(`SELECT payload FROM notice_outbox WHERE id = ${r.outboxId}`)) as [
      Array<{ payload: string }>,
      unknown,
    ];
    const sent = JSON.parse(row.payload).data;
    assert.equal([...sent.thing1.value].length, 20);
    assert.ok(sent.thing1.value.endsWith('…'));
    assert.equal([...sent.phrase2.value].length, 5);
  });

  it('retries a transient failure with backoff and still delivers once', async () => {
    const c = await citizenWithUnion(s.url);
    const mpOpenid = await follow(s, c.unionid);
    await request(s.url)
      .post('/__wechat__/dev/faults')
      .send({ path: '/cgi-bin/message/template/send', errcode: -1, times: 1 })
      .expect(200);
    const r = await notices().notify({ userId: c.userId }, 'test.progress', data);
    await until('delivered after a retry', async () => (await delivery(r.outboxId)).status === 'delivered');
    const d = await delivery(r.outboxId);
    assert.equal(d.attempts, 2);
    assert.deepEqual(await deliveriesTo(s.url, mpOpenid), { template: 1, subscribe: 0 });
  });

  it('gives up at once on permanent errors; 43004 marks the follower gone', async () => {
    const c = await citizenWithUnion(s.url);
    const mpOpenid = await follow(s, c.unionid);
    // They unfollowed, but the unsubscribe push never reached us.
    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid: mpOpenid, silent: true }).expect(200);
    const r = await notices().notify({ userId: c.userId }, 'test.progress', data);
    const d = await until('failed', async () => {
      const x = await delivery(r.outboxId);
      return x.status === 'failed' && x;
    });
    assert.match(d.reason!, /43004/);
    assert.equal(d.attempts, 1);
    assert.equal((await notices().notify({ userId: c.userId }, 'test.progress', data)).channel, 'inbox');

    const c2 = await citizenWithUnion(s.url);
    await follow(s, c2.unionid);
    await request(s.url)
      .post('/__wechat__/dev/faults')
      .send({ path: '/cgi-bin/message/template/send', errcode: 40037, times: 1 })
      .expect(200);
    const r2 = await notices().notify({ userId: c2.userId }, 'test.progress', data);
    const d2 = await until('failed', async () => {
      const x = await delivery(r2.outboxId);
      return x.status === 'failed' && x;
    });
    assert.match(d2.reason!, /40037/);
    assert.equal(d2.attempts, 1);
  });

  it('stops every queued notice when the follower unsubscribes', async () => {
    const c = await citizenWithUnion(s.url);
    const mpOpenid = await follow(s, c.unionid);
    // Queued in a transaction that is still open: nothing has gone out yet when they leave.
    let outboxId: number | undefined;
    await s.app.platform.db.transaction(async (transaction) => {
      outboxId = (await notices().notify({ userId: c.userId }, 'test.progress', data, undefined, { transaction }))
        .outboxId;
      await s.app.platform.db.query(`UPDATE notice_outbox SET next_attempt_at = '2999-01-01' WHERE id = ${outboxId}`, {
        transaction,
      });
    });
    await request(s.url).post('/__wechat__/dev/mp/unfollow').send({ openid: mpOpenid }).expect(200);
    assert.equal((await delivery(outboxId)).status, 'cancelled');
    assert.equal((await notices().notify({ userId: c.userId }, 'test.progress', data)).channel, 'inbox');
  });

  it('resends with the same client_msg_id after a worker died mid-send: delivered once, status delivered', async () => {
    const c = await citizenWithUnion(s.url);
    const mpOpenid = await follow(s, c.unionid);
    // Queue it without waking a pump, as a worker would find it: claimed by a worker that died.
    const { clock } = s.app.platform;
    const leaseMs = s.app.platform.config.notices.leaseMs;
    let outboxId: number | undefined;
    await s.app.platform.db.transaction(async (transaction) => {
      outboxId = (await notices().notify({ userId: c.userId }, 'test.progress', data, undefined, { transaction }))
        .outboxId;
      await s.app.platform.db.query(
        `UPDATE notice_outbox SET status = 'sending', attempts = 1, claim = 'dead-worker', next_attempt_at = ? WHERE id = ${outboxId}`,
        { transaction, replacements: [new Date(clock.now() + leaseMs)] },
      );
    });
    const [[row]] = (await s.app.platform.db.query(
      `SELECT payload, client_msg_id FROM notice_outbox WHERE id = ${outboxId}`,
    )) as [Array<{ payload: string; client_msg_id: string }>, unknown];
    // The dead worker's send reached WeChat; its delivery report arrives before any record of it.
    const first = await s.app.wechat.mp.sendTemplate({
      touser: mpOpenid,
      client_msg_id: row.client_msg_id,
      ...JSON.parse(row.payload),
    });
    // The report travels by a real HTTP push with WeChat's retries; wait up to 25 s (within the
    // test's 30 s), so a lost report says so instead of timing the test out.
    await until(
      'the early receipt kept aside',
      async () => {
        const [rows] = (await s.app.platform.db.query(
          `SELECT msgid FROM notice_receipts WHERE msgid = '${first.msgid}'`,
        )) as [unknown[], unknown];
        return rows.length > 0;
      },
      500,
    );
    assert.equal((await delivery(outboxId)).status, 'sending', 'nobody takes a row over while its lease runs');
    // The lease runs out; the sweeper hands the row to a pump.
    clock.advance(leaseMs + 1000);
    const d = await until('delivered', async () => {
      const x = await delivery(outboxId);
      return x.status === 'delivered' && x;
    });
    assert.equal(d.msgid, first.msgid);
    assert.deepEqual(await deliveriesTo(s.url, mpOpenid), { template: 1, subscribe: 0 });
  });

  it('waits for the quota to reset at midnight (Beijing) after 45009', async () => {
    const c = await citizenWithUnion(s.url);
    await follow(s, c.unionid);
    await request(s.url).post('/__wechat__/dev/mp/quota').send({ templatePerDay: 0 }).expect(200);
    try {
      const r = await notices().notify({ userId: c.userId }, 'test.progress', data);
      await until('rescheduled', async () => {
        const x = await delivery(r.outboxId);
        return x.status === 'queued' && x.reason?.includes('45009');
      });
      const [[row]] = (await s.app.platform.db.query(
        `SELECT next_attempt_at FROM notice_outbox WHERE id = ${r.outboxId}`,
      )) as [Array<{ next_attempt_at: string | Date }>, unknown];
      const at = new Date(row.next_attempt_at);
      const beijing = new Date(at.getTime() + 8 * 3600_000);
      assert.equal(beijing.getUTCHours(), 0, `retry at Beijing midnight, got ${at.toISOString()}`);
      assert.ok(at.getTime() > s.app.platform.clock.now());
    } finally {
      await request(s.url).post('/__wechat__/dev/mp/quota').send({ templatePerDay: 100000 }).expect(200);
      await s.app.platform.cache.del('notices:paused:mp_template');
    }
  });
});
