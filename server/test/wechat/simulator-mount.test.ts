import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../../config';
import { startServer, type TestServer } from '../../../test/support/server';

/** A server on this machine that only counts what reaches it: what the simulator must never fetch. */
async function bystander() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('success');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('The WeChat simulator is mounted only when asked, and pushes only to this server', () => {
  it('is asked for by the embedded default alone; a deployment on MySQL/Redis must name WeChat', () => {
    assert.equal(loadConfig({}).wechat.embeddedSimulator, true);
    // The README's multi-process example: DATABASE_URL and REDIS_URL, nothing about WeChat.
    const deployment = { DATABASE_URL: 'mysql://minzheng:x@db:3306/minzheng', REDIS_URL: 'redis://cache:6379' };
    assert.throws(
      () => loadConfig(deployment),
      (e: Error) => /^Invalid configuration: WECHAT_API_BASE /.test(e.message) && !e.message.includes('\n'),
    );
    assert.equal(
      loadConfig({ ...deployment, WECHAT_API_BASE: 'https://api.weixin.qq.com' }).wechat.embeddedSimulator,
      false,
    );
    // A SQLite file named explicitly is a deployment too; WeChat's address alone turns the simulator off.
    assert.throws(() => loadConfig({ DATABASE_URL: 'sqlite:data/other.sqlite' }), /WECHAT_API_BASE/);
    assert.equal(loadConfig({ WECHAT_API_BASE: 'http://127.0.0.1:4010' }).wechat.embeddedSimulator, false);
    // Development and tests on MySQL/Redis ask for it by name.
    assert.equal(loadConfig({ ...deployment, WECHAT_SIMULATOR: 'true' }).wechat.embeddedSimulator, true);
    assert.equal(
      loadConfig({ WECHAT_SIMULATOR: 'false', WECHAT_API_BASE: 'http://127.0.0.1:4010' }).wechat.embeddedSimulator,
      false,
    );
    // Tools that never call WeChat (migrations, the register seeder) need no WeChat address.
    assert.equal(loadConfig(deployment, { wechat: false }).wechat.embeddedSimulator, false);
  });

  it('never mounts in production, even when asked', () => {
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
    assert.equal(loadConfig(prod).wechat.embeddedSimulator, false);
    assert.throws(
      () => loadConfig({ ...prod, WECHAT_SIMULATOR: 'true' }),
      (e: Error) => e.message.startsWith('Invalid configuration: WECHAT_SIMULATOR '),
    );
  });

  it('stops a server started like the multi-process example with one line naming WECHAT_API_BASE', () => {
    const main = path.resolve(__dirname, '../../src/main.ts');
    const env: Record<string, string | undefined> = {
      ...process.env,
      REDIS_URL: undefined,
      WECHAT_API_BASE: undefined,
    };
    env.DATABASE_URL = `sqlite:${path.join(os.tmpdir(), `minzheng-nosim-${process.pid}.sqlite`)}`;
    delete env.WECHAT_SIMULATOR;
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr.trim(), /^Invalid configuration: WECHAT_API_BASE /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  describe('mounted', () => {
    let s: TestServer;
    let other: Awaited<ReturnType<typeof bystander>>;
    before(async () => {
      s = await startServer();
      other = await bystander();
    });
    after(async () => {
      await other.close();
      await s.close();
    });

    it('refuses push settings naming any server but this one, and nothing ever reaches it', async () => {
      for (const url of [
        `${other.url}/wechat/mp`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.8:3000/wechat/mp',
        `${s.url.replace('http:', 'https:')}/wechat/mp`,
        `http://user:pw@127.0.0.1:${new URL(s.url).port}/wechat/mp`,
      ]) {
        await request(s.url).post('/__wechat__/dev/push-config').send({ url }).expect(400);
        await request(s.url)
          .post('/__wechat__/dev/freepublish/push-target')
          .send({ url: url.replace('/wechat/mp', '/wechat/matrix/{appid}'), token: 'devtoken' })
          .expect(400);
      }
      // The pushes still go where they may: this server's own endpoint.
      const followed = await request(s.url)
        .post('/__wechat__/dev/mp/follow')
        .send({ openid: 'o_sim_mount_1' })
        .expect(200);
      assert.equal(followed.body.status, 200);
      await request(s.url)
        .post('/__wechat__/dev/push-config')
        .send({ url: `${s.url}${s.app.platform.config.wechat.mp.pushPath}` })
        .expect(200);
      assert.deepEqual(other.hits, []);
    });
  });

  describe('not asked for', () => {
    let s: TestServer;
    before(async () => {
      s = await startServer({ WECHAT_SIMULATOR: 'false', WECHAT_API_BASE: 'http://127.0.0.1:9' });
    });
    after(async () => s.close());

    it('is not there: nobody can mint a login code for any citizen', async () => {
      await request(s.url).post('/__wechat__/dev/login-code').send({ openid: 'o_anyone' }).expect(404);
      await request(s.url).post('/__wechat__/dev/push-config').send({ url: 'http://169.254.169.254/' }).expect(404);
    });
  });
});
