import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { TestServer } from '../../../test/support/server';

export const TEMPLATE = { mp: 'TPL_test_progress_0001', mini: 'SUB_test_progress_0001' };

/** A notice that may go out on every channel, as a module like applications would register it. */
export function registerProgressTemplate(s: TestServer) {
  if (s.app.modules.notices.templates.has('test.progress')) return;
  s.app.modules.notices.templates.register<{ item: string; status: string; time: string }>({
    key: 'test.progress',
    kind: 'application',
    render: (d) => ({ title: '办理进度', body: `${d.item}：${d.status}（${d.time}）` }),
    mp: { templateId: TEMPLATE.mp, fields: (d) => ({ thing1: d.item, phrase2: d.status, time3: d.time }) },
    mini: { templateId: TEMPLATE.mini, fields: (d) => ({ thing1: d.item, phrase2: d.status, time3: d.time }) },
  });
}

export const hex = () => randomBytes(5).toString('hex');

/** A citizen of the mini-program whose WeChat account also has a unionid. */
export async function citizenWithUnion(url: string) {
  const openid = `o_mini_${hex()}`;
  const unionid = `u_${hex()}`;
  const { body: minted } = await request(url).post('/__wechat__/dev/login-code').send({ openid, unionid }).expect(200);
  const { body } = await request(url).post('/api/auth/login').send({ code: minted.code }).expect(200);
  return { openid, unionid, userId: body.user.id as number, auth: { Authorization: `Bearer ${body.token}` } };
}

/** The same person follows the public account (another openid, same unionid). */
export async function follow(s: TestServer, unionid: string) {
  const mpOpenid = `o_mp_${hex()}`;
  const r = await request(s.url).post('/__wechat__/dev/mp/follow').send({ openid: mpOpenid, unionid }).expect(200);
  if (r.body.status !== 200) throw new Error(`push failed: ${JSON.stringify(r.body)}`);
  await s.app.platform.jobs.drain(); // the unionid is fetched on the queue
  return mpOpenid;
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export async function deliveriesTo(url: string, openid: string) {
  return (await request(url).get('/__wechat__/dev/mp/deliveries').query({ openid }).expect(200)).body as {
    template: number;
    subscribe: number;
  };
}
