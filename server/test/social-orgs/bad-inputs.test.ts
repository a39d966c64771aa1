import assert from 'node:assert/strict';
import request from 'supertest';
import { loginCitizen } from '../../../test/support/citizen';
import { startServer, type TestServer } from '../../../test/support/server';
import { createOrg, officer } from './helpers';

/** Whatever arrives, every route answers 4xx with a stable code and a Chinese message. */
describe('Social-organization routes under bad input', () => {
  let s: TestServer;
  let citizen: Record<string, string>;
  let staff: Record<string, string>;
  let uscc: string;
  before(async () => {
    s = await startServer();
    citizen = (await loginCitizen(s.url)).auth;
    staff = (await officer(s.url, ['11'])).auth;
    uscc = (await createOrg(s.url, staff)).uscc;
  });
  after(async () => s.close());

  const BAD_USCC = ['x', '53100000500019795B', '%E4%B8%AD', 'A'.repeat(300), '53100000500019795A53100000500019795A'];
  const junk: unknown[] = [
    null,
    [],
    'text',
    42,
    { a: { b: { c: 1 } } },
    { list: 1, dateIn: [], year: 'x', level: '5', name: 7 },
  ];

  type Case = [
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    auth: 'citizen' | 'staff' | 'none',
    body?: unknown,
  ];
  const cases = (): Case[] => [
    ...BAD_USCC.flatMap((c): Case[] => [
      ['get', `/api/social-orgs/${c}`, 'none'],
      ['get', `/api/social-orgs/${c}/follow`, 'citizen'],
      ['put', `/api/social-orgs/${c}/follow`, 'citizen'],
      ['delete', `/api/social-orgs/${c}/follow`, 'citizen'],
      ['patch', `/api/staff/social-orgs/${c}`, 'staff', { name: '新名称协会' }],
      [
        'post',
        `/api/staff/social-orgs/${c}/credit-entries`,
        'staff',
        {
          list: 'abnormal',
          reasonCategory: 'unreachable',
          decisionNo: '京民〔2026〕1号',
          authority: '北京市民政局',
          dateIn: '2026-01-01',
        },
      ],
      [
        'post',
        `/api/staff/social-orgs/${c}/credit-entries/1/removal`,
        'staff',
        { dateOut: '2026-01-01', reasonOut: '已整改' },
      ],
      [
        'post',
        `/api/staff/social-orgs/${c}/inspections`,
        'staff',
        { year: 2024, kind: 'annual_report', result: 'qualified' },
      ],
      [
        'post',
        `/api/staff/social-orgs/${c}/penalties`,
        'staff',
        { decisionNo: '京罚1号', authority: '北京市民政局', date: '2025-01-01', kind: '警告', reason: '未年报' },
      ],
      [
        'post',
        `/api/staff/social-orgs/${c}/ratings`,
        'staff',
        { level: 3, validFrom: '2024-01-01', authority: '北京市民政局' },
      ],
    ]),
    ...junk.flatMap((b): Case[] => [
      ['post', '/api/staff/social-orgs', 'staff', b],
      ['patch', `/api/staff/social-orgs/${uscc}`, 'staff', b],
      ['post', `/api/staff/social-orgs/${uscc}/credit-entries`, 'staff', b],
      ['post', `/api/staff/social-orgs/${uscc}/credit-entries/1/removal`, 'staff', b],
      ['post', `/api/staff/social-orgs/${uscc}/inspections`, 'staff', b],
      ['post', `/api/staff/social-orgs/${uscc}/penalties`, 'staff', b],
      ['post', `/api/staff/social-orgs/${uscc}/ratings`, 'staff', b],
      ['post', '/api/staff/social-orgs/illegal', 'staff', b],
      ['post', '/api/social-orgs/complaints', 'citizen', b],
      ['post', '/api/staff/social-orgs/complaints/1/answer', 'staff', b],
      ['post', '/api/staff/social-orgs/complaints/1/reject', 'staff', b],
    ]),
    ['get', '/api/social-orgs?page=-1', 'none'],
    ['get', '/api/social-orgs?pageSize=abc', 'none'],
    ['get', '/api/social-orgs?q=a&q=b', 'none'],
    ['get', '/api/social-orgs?type=a&type=b', 'none'],
    ['get', `/api/social-orgs/${uscc}?asOf=2026-02-30`, 'none'],
    ['get', '/api/social-orgs/illegal?page=x', 'none'],
    ['get', '/api/social-orgs/following?page=0', 'citizen'],
    ['get', '/api/social-orgs/following', 'none'],
    ['get', '/api/social-orgs/complaints?pageSize=1000', 'citizen'],
    ['get', '/api/social-orgs/complaints/TS2026', 'citizen'],
    ['get', '/api/social-orgs/complaint-images/short', 'citizen'],
    ['get', '/api/social-orgs/complaint-images/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'citizen'],
    ['post', '/api/social-orgs/complaint-images', 'citizen', { file: 'not multipart' }],
    ['get', '/api/staff/social-orgs/complaints?status=done', 'staff'],
    ['get', '/api/staff/social-orgs/complaints/abc', 'staff'],
    ['get', '/api/staff/social-orgs/complaints/99999999999', 'staff'],
    ['get', '/api/staff/social-orgs/complaints/2000000000', 'staff'],
    ['post', '/api/staff/social-orgs/complaints/2000000000/accept', 'staff'],
    ['get', '/api/staff/social-orgs/complaints/1/images/bad', 'staff'],
    [
      'post',
      `/api/staff/social-orgs/${uscc}/credit-entries/0/removal`,
      'staff',
      { dateOut: '2026-01-01', reasonOut: '已整改' },
    ],
    [
      'post',
      `/api/staff/social-orgs/${uscc}/credit-entries/123456/removal`,
      'staff',
      { dateOut: '2026-01-01', reasonOut: '已整改' },
    ],
    ['post', '/api/staff/social-orgs', 'citizen', {}],
    ['get', '/api/staff/social-orgs/complaints', 'none'],
  ];

  it('never answers 5xx, always a code and a Chinese message', async () => {
    const tokens = { citizen, staff, none: {} };
    for (const [method, path, who, body] of cases()) {
      let req = request(s.url)[method](path).set(tokens[who]);
      if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
      const res = await req;
      const label = `${method.toUpperCase()} ${path} ${JSON.stringify(body) ?? ''}`;
      assert.ok(res.status >= 400 && res.status < 500, `${label} → ${res.status} ${JSON.stringify(res.body)}`);
      assert.match(res.body?.error?.code ?? '', /^[A-Z_]+$/, label);
      assert.match(res.body.error.message, /[\u4e00-\u9fa5]/, label);
    }
  });

  it('answers malformed JSON and wrong content types with 400/415', async () => {
    const r = await request(s.url)
      .post('/api/social-orgs/complaints')
      .set(citizen)
      .set('Content-Type', 'application/json')
      .send('{"target":');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'MALFORMED_JSON');
    const t = await request(s.url)
      .post('/api/staff/social-orgs')
      .set(staff)
      .set('Content-Type', 'text/plain')
      .send('name=x');
    assert.equal(t.status, 415);
    const m = await request(s.url)
      .post('/api/social-orgs/complaint-images')
      .set(citizen)
      .set('Content-Type', 'multipart/form-data; boundary=zzz')
      .send('--zzz\r\nbroken');
    assert.ok(m.status >= 400 && m.status < 500, String(m.status));
  });
});
