import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { TestServer } from '../../../test/support/server';

/** A public account the simulator knows: a matrix member-to-be. */
export async function simAccount(url: string) {
  const appid = `wxmx${randomBytes(6).toString('hex')}`;
  const secret = `secret${randomBytes(12).toString('hex')}`;
  await request(url).post('/__wechat__/dev/apps').send({ appid, secret, type: 'mp' }).expect(200);
  return { appid, secret };
}

/** The account publishes: `count` generated articles or the ones given. */
export async function publish(
  url: string,
  appid: string,
  what: number | Array<{ title: string; digest?: string; author?: string }>,
) {
  const body = typeof what === 'number' ? { appid, count: what } : { appid, articles: what };
  const { body: r } = await request(url).post('/__wechat__/dev/freepublish/articles').send(body).expect(200);
  return r.articleIds as string[];
}

export async function addMember(url: string, auth: Record<string, string>, fields: Record<string, unknown>) {
  const r = await request(url).post('/api/matrix/admin/members').set(auth).send(fields).expect(201);
  return r.body.member as { id: number; appid: string; name: string };
}

/** What the scheduler does every 10 minutes, then waits until every member's job ended. */
export async function syncNow(s: TestServer, auth: Record<string, string>) {
  await request(s.url).post('/api/matrix/admin/sync').set(auth).expect(202);
  await s.app.platform.jobs.drain();
}

export async function simCalls(url: string, path: string): Promise<number> {
  const { body } = await request(url).get('/__wechat__/dev/stats').expect(200);
  return body.calls[path] ?? 0;
}

export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await probe();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}
