/**
 * One request must never end the process. A citizen's photo upload and an officer's register
 * import whose multipart bodies end without their closing boundary (a phone losing its
 * network mid-upload sends exactly that) are answered 400 MALFORMED_MULTIPART, and the real
 * server process goes on serving everyone else. So does one whose client hangs up mid-body.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../support/citizen';
import { resetDatabase } from '../support/db';
import { testEnv } from '../support/env';
import { officer } from '../../server/test/social-orgs/helpers';
import { rawRequest, type ServerProcess, startServerProcess } from './support/server-process';

const BOUNDARY = '----minzhengCut7MA4YWxkTrZu0gW';
/** A multipart body whose file part never ends: no closing boundary, as a cut connection leaves it. */
const cutBody = (filename: string, type: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
  ]);
const PNG_START = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000', 'hex');

describe('A cut upload ends one request, never the process', () => {
  let server: ServerProcess;
  let citizenAuth: Record<string, string>;
  let officerAuth: Record<string, string>;

  before(async () => {
    const env = testEnv({ LOG_LEVEL: 'warn', SERVE_H5: 'false' });
    await resetDatabase(env.DATABASE_URL);
    server = await startServerProcess(env);
    citizenAuth = (await loginCitizen(server.url)).auth;
    officerAuth = (await officer(server.url, ['11'])).auth;
  });
  after(async () => server?.stop());

  const post = (path: string, auth: Record<string, string>, body: Buffer, extra = '') =>
    `POST ${path} HTTP/1.1
Host: 127.0.0.1
Authorization: ${auth.Authorization}
Content-Type: multipart/form-data; boundary=${BOUNDARY}
Content-Length: ${body.length}${extra}
Connection: close`;

  async function stillServing() {
    assert.equal(server.proc.exitCode, null, `the process exited:\n${server.output()}`);
    await request(server.url).get('/healthz').expect(200);
    await request(server.url).get('/api/me').set(citizenAuth).expect(200);
  }

  it('answers a citizen’s cut photo upload with 400 and keeps serving', async () => {
    const body = cutBody('evidence.png', 'image/png', PNG_START);
    const answer = await rawRequest(server.port, post('/api/social-orgs/complaint-images', citizenAuth, body), body);
    assert.notEqual(answer, 'hung up');
    if (answer === 'hung up') return;
    assert.equal(answer.status, 400, answer.text);
    assert.equal(JSON.parse(answer.text).error.code, 'MALFORMED_MULTIPART');
    assert.match(JSON.parse(answer.text).error.message, /上传的数据格式不正确/);
    await stillServing();
  });

  it('answers an officer’s cut register import with 400 and keeps serving', async () => {
    const body = cutBody('orgs.csv', 'text/csv', Buffer.from('统一社会信用代码,名称\r\n5311'));
    const answer = await rawRequest(server.port, post('/api/staff/social-orgs/import', officerAuth, body), body);
    assert.notEqual(answer, 'hung up');
    if (answer === 'hung up') return;
    assert.equal(answer.status, 400, answer.text);
    assert.equal(JSON.parse(answer.text).error.code, 'MALFORMED_MULTIPART');
    await stillServing();
  });

  it('keeps serving when the client hangs up in the middle of the body', async () => {
    const body = cutBody('evidence.png', 'image/png', PNG_START);
    // It announces more than it sends, then goes away.
    const head = post('/api/social-orgs/complaint-images', citizenAuth, Buffer.alloc(body.length + 50_000));
    assert.equal(await rawRequest(server.port, head, body, { hangUp: true }), 'hung up');
    await new Promise((r) => setTimeout(r, 300));
    await stillServing();
    // and a well-formed upload after all of that still works
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await request(server.url)
      .post('/api/social-orgs/complaint-images')
      .set(citizenAuth)
      .attach('file', png, { filename: 'ok.png', contentType: 'image/png' })
      .expect(201);
  });
});
