import assert from 'node:assert/strict';
import request from 'supertest';
import { startServer, type TestServer } from '../../../test/support/server';
import { admin, createHall, DIBAO, hallStaff } from '../halls/fixtures';

interface StreamEvent {
  event: string;
  data: Record<string, any>;
}

/** Reads a text/event-stream as the TV's EventSource would, collecting its events. */
async function listen(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiters: { test: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }[] = [];
  const done = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!event || !data) continue;
          const e = { event, data: JSON.parse(data) };
          events.push(e);
          for (const w of waiters.splice(0)) {
            if (w.test(e)) w.resolve(e);
            else waiters.push(w);
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    res,
    events,
    /** The first event (already received or still to come) that passes `test`, within `ms`. */
    next(test: (e: StreamEvent) => boolean, ms = 2000): Promise<StreamEvent> {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms`)), ms);
        waiters.push({
          test,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}

describe('Hall display (叫号屏): a per-hall token, the board, calls pushed within 2 s', () => {
  let s: TestServer;
  let adminAuth: Record<string, string>;
  let hall: number;
  let otherHall: number;
  let staff: { auth: Record<string, string> };
  let token: string;

  before(async () => {
    s = await startServer();
    adminAuth = (await admin(s.url)).auth;
    hall = await createHall(s.url, adminAuth, { queuePrefixes: { [DIBAO]: 'D' } }, [
      { number: '1', name: '低保窗口', serviceCodes: [DIBAO] },
      { number: '2', name: '综合窗口', serviceCodes: [DIBAO], priorityLane: true },
    ]);
    otherHall = await createHall(s.url, adminAuth);
    staff = await hallStaff(s.url, adminAuth, [hall]);
  });
  after(async () => s.close());

  it("lets the hall's staff set a display token, shown once and stored only as a hash", async () => {
    const before = await request(s.url).get(`/api/staff/halls/${hall}/display-token`).set(staff.auth).expect(200);
    assert.equal(before.body.set, false);
    const { body } = await request(s.url).post(`/api/staff/halls/${hall}/display-token`).set(staff.auth).expect(201);
    token = body.token;
    assert.match(token, /^[A-Za-z0-9_-]{32}$/);
    const after = await request(s.url).get(`/api/staff/halls/${hall}/display-token`).set(staff.auth).expect(200);
    assert.equal(after.body.set, true);
    assert.equal(after.body.token, undefined, 'never shown again');
    const [row] = (await s.app.platform.db.query('SELECT display_token_hash FROM halls WHERE id = ?', {
      replacements: [hall],
      type: 'SELECT',
    })) as { display_token_hash: string }[];
    assert.match(row.display_token_hash, /^[0-9a-f]{64}$/);
    assert.ok(!row.display_token_hash.includes(token));
    // Another hall's token is not theirs to set.
    await request(s.url).post(`/api/staff/halls/${otherHall}/display-token`).set(staff.auth).expect(404);
  });

  it('shows the board only with the current token', async () => {
    const none = await request(s.url).get(`/api/halls/${hall}/display`).expect(401);
    assert.equal(none.body.error.code, 'DISPLAY_TOKEN_INVALID');
    assert.match(none.body.error.message, /叫号屏/);
    await request(s.url)
      .get(`/api/halls/${hall}/display`)
      .query({ token: 'x'.repeat(32) })
      .expect(401);
    // A hall's token does not open another hall's board.
    await request(s.url).get(`/api/halls/${otherHall}/display`).query({ token }).expect(401);
    const { body } = await request(s.url).get(`/api/halls/${hall}/display`).query({ token }).expect(200);
    assert.match(body.hall.name, /测试婚姻登记处/);
    assert.deepEqual(
      body.windows.map((w: { number: string; current: unknown }) => [w.number, w.current]),
      [
        ['1', null],
        ['2', null],
      ],
    );
  });

  it('pushes a call to the connected display within 2 s, then the board with that window', async () => {
    const stream = await listen(`${s.url}/api/halls/${hall}/display/events?token=${token}`);
    try {
      assert.equal(stream.res.status, 200);
      assert.match(stream.res.headers.get('content-type') ?? '', /^text\/event-stream/);
      await stream.next((e) => e.event === 'board');
      const issued = await request(s.url)
        .post(`/api/staff/halls/${hall}/queue/tickets`)
        .set(staff.auth)
        .send({ serviceCode: DIBAO })
        .expect(201);
      const label = issued.body.ticket.label as string;
      await stream.next((e) => e.event === 'board' && e.data.services.some((x: { waiting: number }) => x.waiting > 0));
      await request(s.url).post(`/api/staff/halls/${hall}/windows/1/call-next`).set(staff.auth).expect(200);
      const call = await stream.next((e) => e.event === 'call');
      assert.deepEqual([call.data.label, call.data.windowNumber, call.data.callCount], [label, '1', 1]);
      const board = await stream.next(
        (e) => e.event === 'board' && e.data.windows.some((w: { current: unknown }) => w.current !== null),
      );
      assert.deepEqual(board.data.windows[0].current, { label, status: 'called' });
      // A recall is announced again.
      const ticketId = issued.body.ticket.id;
      await request(s.url)
        .post(`/api/staff/halls/${hall}/queue/tickets/${ticketId}/recall`)
        .set(staff.auth)
        .expect(200);
      const again = await stream.next((e) => e.event === 'call' && e.data.callCount === 2);
      assert.equal(again.data.label, label);
    } finally {
      await stream.close();
    }
  });

  it('marks a called number 过号 (skip) in one click, and only a called one', async () => {
    const issued = await request(s.url)
      .post(`/api/staff/halls/${hall}/queue/tickets`)
      .set(staff.auth)
      .send({ serviceCode: DIBAO, priority: true })
      .expect(201);
    const id = issued.body.ticket.id;
    const early = await request(s.url)
      .post(`/api/staff/halls/${hall}/queue/tickets/${id}/skip`)
      .set(staff.auth)
      .expect(409);
    assert.match(early.body.error.message, /叫号中/);
    const called = await request(s.url)
      .post(`/api/staff/halls/${hall}/windows/2/call-next`)
      .set(staff.auth)
      .expect(200);
    assert.equal(called.body.ticket.id, id, 'the priority window calls the priority ticket first');
    const skipped = await request(s.url)
      .post(`/api/staff/halls/${hall}/queue/tickets/${id}/skip`)
      .set(staff.auth)
      .expect(200);
    assert.equal(skipped.body.ticket.status, 'skipped');
    const { body } = await request(s.url).get(`/api/staff/halls/${hall}/queue`).set(staff.auth).expect(200);
    assert.equal(body.items.find((t: { id: number }) => t.id === id).status, 'skipped');
  });

  it('a new token retires the old one at once', async () => {
    const { body } = await request(s.url).post(`/api/staff/halls/${hall}/display-token`).set(staff.auth).expect(201);
    assert.notEqual(body.token, token);
    await request(s.url).get(`/api/halls/${hall}/display`).query({ token }).expect(401);
    await request(s.url).get(`/api/halls/${hall}/display`).query({ token: body.token }).expect(200);
    await request(s.url).delete(`/api/staff/halls/${hall}/display-token`).set(staff.auth).expect(200);
    await request(s.url).get(`/api/halls/${hall}/display`).query({ token: body.token }).expect(401);
  });
});
