import assert from 'node:assert/strict';
import request from 'supertest';
import { loginStaff } from '../../../test/support/citizen';
import { TEST_ADMIN_PASSWORD } from '../../../test/support/env';
import { startServer, type TestServer } from '../../../test/support/server';

describe('The public account menu: names are held to WeChat’s byte limits when saved, not refused at push', () => {
  let s: TestServer;
  let editor: Awaited<ReturnType<typeof loginStaff>>;
  const put = (button: unknown[]) => request(s.url).put('/api/staff/mp/menu').set(editor.auth).send({ button });

  before(async () => {
    s = await startServer();
    const admin = await loginStaff(s.url, 'admin', TEST_ADMIN_PASSWORD);
    await request(s.url)
      .post('/api/staff/accounts')
      .set(admin.auth)
      .send({
        username: 'menu.names',
        displayName: '菜单编辑',
        password: 'Correct-horse-42',
        roles: ['editor'],
        scope: { divisions: [''] },
      })
      .expect(201);
    editor = await loginStaff(s.url, 'menu.names', 'Correct-horse-42');
  });
  after(async () => s.close());

  const saved = async () => (await request(s.url).get('/api/staff/mp/menu').set(editor.auth).expect(200)).body;

  it('refuses a top button over 16 bytes and a sub-button over 60, by field, and saves nothing', async () => {
    const before = await saved();
    const top = await put([{ type: 'view', name: '在线办事服务', url: 'https://mz.example.gov.cn' }]).expect(400);
    assert.equal(top.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(top.body.error.fields, { 'button.0.name': '一级菜单名称最多 4 个汉字（16 字节）' });
    const sub = await put([
      { name: '办事', sub_button: [{ type: 'click', name: '困难群众临时救助在线申请与办理进度查询服务', key: 'JZ' }] },
    ]).expect(400);
    assert.deepEqual(sub.body.error.fields, {
      'button.0.sub_button.0.name': '子菜单名称最多 20 个汉字（60 字节）',
    });
    assert.deepEqual(await saved(), before);
  });

  it('takes names at the limits, and WeChat accepts them when pushed', async () => {
    const menu = {
      button: [
        { type: 'click', name: 'Services', key: 'SERVICES' },
        { type: 'click', name: '政策法规', key: 'POLICY' },
        {
          name: '服务指南',
          sub_button: [{ type: 'click', name: '困难群众临时救助在线申请与办理进度查询', key: 'JZ' }],
        },
      ],
    };
    await put(menu.button).expect(200);
    await request(s.url).post('/api/staff/mp/menu/push').set(editor.auth).expect(200);
    assert.deepEqual((await request(s.url).get('/__wechat__/dev/mp/state').expect(200)).body.menu, menu);
  });
});
