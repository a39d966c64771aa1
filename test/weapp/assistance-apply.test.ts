import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST_DIR,
  ensureWeappBuild,
  loadCompiledApp,
  MINIPROGRAM_DIR,
  type LoadedApp,
  type WxRequest,
  sleep,
  waitFor,
  text,
} from './simulate-env';

const ROUTE = 'packages/assistance/pages/apply/index';
const HEAD_ID = '11010519840315102X';

const applications: any[] = [];
const materialUploads: string[] = [];
const answer = (req: WxRequest) => {
  const url = new URL(req.url);
  const p = url.pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === '/api/auth/login') {
    return {
      statusCode: 200,
      data: {
        token: 't1',
        expiresAt: '2099-01-01T00:00:00Z',
        user: {
          id: 1,
          openidMasked: 'o***',
          name: '周*',
          idNumber: '110105********102X',
          phone: null,
          realNamed: true,
          phoneBound: false,
        },
      },
    };
  }
  if (p === '/api/divisions') {
    const parent = url.searchParams.get('parent');
    const items: Record<string, { code: string; name: string; hasChildren: boolean }[]> = {
      '': [{ code: '110000', name: '北京市', hasChildren: true }],
      '110000': [{ code: '110105', name: '朝阳区', hasChildren: true }],
      '110105': [{ code: '110105001', name: '建外街道', hasChildren: true }],
      '110105001': [{ code: '110105001028', name: '建国里社区居委会', hasChildren: false }],
    };
    return { statusCode: 200, data: { items: items[parent ?? ''] ?? [] } };
  }
  if (p === '/api/assistance/applications' && req.method === 'POST') {
    const body = typeof req.data === 'string' ? JSON.parse(req.data) : req.data;
    applications.push(body);
    if (applications.length === 1)
      return {
        statusCode: 400,
        data: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '申请信息有误',
            fields: { 'members.0.idNumber': '身份证号与户籍信息不符' },
          },
        },
      };
    return { statusCode: 201, data: { number: 'DB-20260302-7K3QX9', caseId: 7 } };
  }
  if (p === '/api/assistance/materials' && req.method === 'POST') {
    materialUploads.push(url.searchParams.get('label') ?? '');
    if (materialUploads.length === 1)
      return { statusCode: 400, data: { error: { code: 'UNSUPPORTED_FILE', message: '只能上传照片或PDF文件' } } };
    return { statusCode: 201, data: { material: { id: 'mat-1', label: '申请材料', mime: 'image/jpeg' } } };
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
};

/**
 * The 社会救助 apply wizard as WeChat runs it: the compiled page in miniprogram-simulate, its
 * inputs typed through the real templates' input events, the village chosen in the picker,
 * a step refused until it is complete, a server field error sent back to its step, and the
 * application that reaches the server.
 */
describe('compiled weapp 社会救助 apply wizard in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;
  let page: any;

  const stepTitle = () => text(page.querySelector('.as-list__title'));
  /** The native input of a FormField, found by its label (the templates carry no data-* of ours). */
  const inputOf = (label: string) => {
    const fieldNode = page
      .querySelectorAll('.mz-field')
      .find((n: any) => n.dom.querySelector('[class*="mz-field__label"]')?.textContent.trim() === label);
    assert.ok(fieldNode, `field ${label}`);
    const input = page.querySelectorAll('.nut-input-native').find((i: any) => fieldNode.dom.contains(i.dom));
    assert.ok(input, `the input of ${label}`);
    return input;
  };
  const type = async (label: string, value: string) => {
    inputOf(label).dispatchEvent('input', { detail: { value } });
    await sleep(30);
  };
  const tapText = async (selector: string, label: string) => {
    const node = await waitFor(
      () => page.querySelectorAll(selector).find((n: any) => text(n) === label),
      `${selector} ${label}`,
    );
    node.dispatchEvent('tap');
    await sleep(50);
  };
  const tapButton = (label: string) => tapText('.nut-button', label);

  before(() => {
    ensureWeappBuild();
    if (!fs.existsSync(path.join(DIST_DIR, 'packages/assistance/pages/reports/index.js'))) {
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    }
    mp = loadCompiledApp(answer);
    mp.wx.storage.delete('mz.assistance.draft');
    page = mp.renderPage(ROUTE);
  });
  after(() => {
    mp.wx.navigateTo.length = 0;
    mp.wx.storage.delete('mz.assistance.draft');
  });

  it('stays on the first step until it is complete, and takes the village from the picker', async () => {
    await waitFor(() => page.querySelector('.as-list__title') && /第1步/.test(stepTitle()), 'step 1');
    await tapButton('下一步');
    await waitFor(() => page.querySelector('.mz-field__error'), 'an error under a field');
    assert.match(stepTitle(), /第1步\/共4步/);

    await tapButton('按地区选择村（社区）');
    for (const name of ['北京市', '朝阳区', '建外街道', '建国里社区居委会']) await tapText('.as-village__name', name);
    const chosen = await waitFor(() => page.querySelector('.as-village__chosen'), 'the chosen community');
    assert.equal(text(chosen), '北京市 朝阳区 建外街道 建国里社区居委会');
    await type('居住地址', '北京市朝阳区建国里小区5号楼2单元301');
    await type('申请理由', '丈夫因病去世，本人打零工收入不稳定，独自抚养女儿');
    await tapButton('下一步');
    await waitFor(() => /第2步/.test(stepTitle()), 'step 2');
    const draft = mp.wx.storage.get('mz.assistance.draft') as { divisionCode: string };
    assert.equal(draft.divisionCode, '110105001028', 'the draft is kept on the phone');
  });

  it('goes through the household, assets and the consent, and sends the application', async () => {
    await type('姓名', '周丽娟');
    await type('身份证号', HEAD_ID);
    await type('月收入（元）', '600');
    await tapButton('下一步');
    await waitFor(() => /第3步/.test(stepTitle()), 'step 3');

    // A material photo goes up by wx.uploadFile, signed in; the server's refusal is said in Chinese
    // and adds nothing, the next photo is counted and its id goes with the application.
    const toasts: string[] = [];
    const g = globalThis as any;
    const showToast = g.wx.showToast;
    g.wx.showToast = (opts: any) => {
      toasts.push(opts?.title);
      return showToast(opts);
    };
    const count = () =>
      page
        .querySelectorAll('.as-kind__name')
        .map(text)
        .find((t: string) => t.startsWith('申请材料'));
    try {
      await tapButton('上传材料照片');
      await waitFor(() => toasts.includes('只能上传照片或PDF文件'), 'the refusal in Chinese');
      assert.equal(count(), '申请材料（0份）');
      await tapButton('上传材料照片');
      await waitFor(() => count() === '申请材料（1份）', 'one material counted');
    } finally {
      g.wx.showToast = showToast;
    }
    assert.deepEqual(materialUploads, ['申请材料', '申请材料']);
    const sent = mp.wx.uploads.at(-1)!;
    assert.match(sent.url, /\/api\/assistance\/materials\?label=/);
    assert.equal(sent.name, 'file');
    assert.equal(sent.filePath, mp.wx.chosenImages.at(-1));
    assert.equal(sent.header?.Authorization, 'Bearer t1');

    await tapButton('下一步');
    await waitFor(() => /第4步/.test(stepTitle()), 'step 4');
    page.querySelector('.nut-switch').dispatchEvent('tap');
    await sleep(50);
    await type('签名（申请人姓名）', '周丽娟');
    await tapButton('提交申请');

    // The server refuses a member's ID number: the wizard goes back to that step and says so there.
    await waitFor(() => /第2步/.test(stepTitle()), 'back to step 2');
    const error = await waitFor(() => page.querySelector('.mz-field__error'), 'the server message');
    assert.equal(text(error), '身份证号与户籍信息不符');
    assert.equal(applications[0].divisionCode, '110105001028');
    assert.equal(applications[0].members[0].monthlyIncomeCents, 60000);
    assert.deepEqual(applications[0].consent, { agreed: true, signedName: '周丽娟' });
    assert.deepEqual(applications[0].materialIds, ['mat-1']);

    await tapButton('下一步');
    await tapButton('下一步');
    await waitFor(() => /第4步/.test(stepTitle()), 'step 4 again');
    await tapButton('提交申请');
    await waitFor(
      () => page.querySelectorAll('.nut-button').some((n: any) => text(n) === '查看办理进度'),
      'the done view',
    );
    assert.equal(applications.length, 2);
    assert.equal(mp.wx.storage.has('mz.assistance.draft'), false, 'the draft is cleared once the server has it');
    await tapButton('查看办理进度');
    await waitFor(() => mp.wx.navigateTo.length > 0, 'navigateTo');
    assert.equal(mp.wx.navigateTo.at(-1), '/packages/assistance/pages/case/index?number=DB-20260302-7K3QX9');
  });
});
