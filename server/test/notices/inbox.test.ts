import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';

describe('A citizen reads the notices in the 消息 tab', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    s.app.modules.notices.templates.register<{ service: string; date: string }>({
      key: 'test.booking_confirmed',
      kind: 'booking',
      render: (d) => ({ title: '预约成功', body: `您已预约${d.service}，时间：${d.date}` }),
    });
  });
  after(async () => s.close());

  it('lists notices newest first with an unread count, and marks them read', async () => {
    const c = await loginCitizen(s.url);
    const notify = s.app.modules.notices.notify;
    await notify(
      { userId: c.user.id },
      'test.booking_confirmed',
      { service: '结婚登记', date: '2026-12-01 上午' },
      '/packages/halls/pages/booking/index?id=1',
    );
    await notify({ userId: c.user.id }, 'test.booking_confirmed', { service: '离婚登记', date: '2026-12-02 下午' });

    const list = await request(s.url).get('/api/messages').set(c.auth).expect(200);
    assert.equal(list.body.total, 2);
    assert.equal(list.body.unread, 2);
    assert.match(list.body.items[0].body, /离婚登记/);
    const first = list.body.items[1];
    assert.equal(first.link, '/packages/halls/pages/booking/index?id=1');

    await request(s.url).post(`/api/messages/${first.id}/read`).set(c.auth).expect(200);
    assert.equal((await request(s.url).get('/api/messages/unread-count').set(c.auth).expect(200)).body.unread, 1);
    await request(s.url).post('/api/messages/read-all').set(c.auth).expect(200);
    assert.equal((await request(s.url).get('/api/messages/unread-count').set(c.auth).expect(200)).body.unread, 0);
  });

  it("never shows one citizen another's notices", async () => {
    const a = await loginCitizen(s.url);
    const b = await loginCitizen(s.url);
    const { messageId } = await s.app.modules.notices.notify({ userId: a.user.id }, 'test.booking_confirmed', {
      service: '结婚登记',
      date: '明天',
    });
    await request(s.url).get(`/api/messages/${messageId}`).set(b.auth).expect(404);
    await request(s.url).post(`/api/messages/${messageId}/read`).set(b.auth).expect(404);
    assert.equal((await request(s.url).get('/api/messages').set(b.auth).expect(200)).body.total, 0);
    await request(s.url).get(`/api/messages/${messageId}`).set(a.auth).expect(200);
  });

  it('refuses bad ids and pages with clear errors', async () => {
    const c = await loginCitizen(s.url);
    assert.equal(
      (await request(s.url).get('/api/messages/abc').set(c.auth).expect(400)).body.error.code,
      'VALIDATION_FAILED',
    );
    await request(s.url).get('/api/messages?page=0').set(c.auth).expect(400);
    await request(s.url).get('/api/messages?pageSize=1000').set(c.auth).expect(400);
    await request(s.url).get('/api/messages').expect(401);
  });
});
