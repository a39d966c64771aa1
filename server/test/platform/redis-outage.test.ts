import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Redis goes away — stopped (it accepts connections and never answers) or killed. Requests
 * that need it answer 503 SERVICE_UNAVAILABLE at once instead of waiting 5–10 s for a 500, and
 * the server serves normally again when Redis is back. A Redis of the test's own: others use
 * the shared one.
 */
describe('A Redis outage answers a fast 503', () => {
  let redis: ChildProcess;
  let s: TestServer;
  let citizen: Awaited<ReturnType<typeof loginCitizen>>;

  before(async function () {
    if (!hasRedisServer) {
      console.warn('    (needs redis-server on the PATH; skipping)');
      this.skip();
    }
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    s = await startServer({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'mz:outage:' });
    citizen = await loginCitizen(s.url);
  });
  after(async () => {
    if (redis?.exitCode === null && redis.signalCode === null) {
      redis.kill('SIGCONT');
      redis.kill('SIGKILL');
    }
    // The server's own stop must not hang on a Redis that is gone.
    if (s) await s.close();
  });

  const me = () => request(s.url).get('/api/me').set(citizen.auth).timeout(4000);
  const assertUnavailable = (res: request.Response) => {
    assert.equal(res.status, 503, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(res.body.error.message, '服务暂时不可用，请稍后再试');
  };

  it('answers 503 while Redis accepts connections but never answers, and recovers with it', async () => {
    await me().expect(200);
    redis.kill('SIGSTOP');
    try {
      assertUnavailable(await me());
      const health = await request(s.url).get('/healthz').timeout(4000).expect(503);
      assert.equal(health.body.cache, 'down');
    } finally {
      redis.kill('SIGCONT');
    }
    await me().expect(200);
  });

  it('answers 503 when Redis is gone, for reads and for writes', async () => {
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    assertUnavailable(await me());
    const code = (await request(s.url).post('/__wechat__/dev/login-code').send({ openid: 'o_outage' }).expect(200)).body
      .code;
    assertUnavailable(await request(s.url).post('/api/auth/login').send({ code }).timeout(4000));
    // and it keeps answering so, every time
    assertUnavailable(await me());
  });
});
