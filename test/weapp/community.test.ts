import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST_DIR,
  ensureWeappBuild,
  loadCompiledApp,
  type LoadedApp,
  MINIPROGRAM_DIR,
  type WxRequest,
  waitFor,
  text,
} from './simulate-env';

const ROUTE = 'packages/community/pages/proposal/index';
const MINE = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
const RECEIPTS = [
  { receipt: '0b7e4c1d2a3f4e5d6c7b8a9f0e1d2c3b', option: 1 },
  { receipt: '5d2c9e8f7a6b5c4d3e2f1a0b9c8d7e6f', option: 0 },
  { receipt: MINE, option: 0 },
].sort((a, b) => a.receipt.localeCompare(b.receipt));
const HASH = createHash('sha256')
  .update(RECEIPTS.map((r) => `${r.receipt}:${r.option}\n`).join(''))
  .digest('hex');

const proposal = (id: number) => ({
  proposal: {
    id,
    code: '110105001029',
    title: '2号楼加装电梯',
    status: 'closed',
    statusLabel: '已公布结果',
    options: ['同意', '不同意', '弃权'],
    ballots: 3,
    createdAt: '2026-12-01T02:00:00.000Z',
    voteOpenedAt: '2026-12-02T02:00:00.000Z',
    closedAt: '2026-12-05T02:00:00.000Z',
    result: {
      options: [
        { index: 0, label: '同意', votes: 2 },
        { index: 1, label: '不同意', votes: 1 },
        { index: 2, label: '弃权', votes: 0 },
      ],
      total: 3,
      receiptsHash: HASH,
      closedAt: '2026-12-05T02:00:00.000Z',
    },
    body: '2号楼老人多，提议加装电梯。',
    author: '罗**（居民）',
    comments: [
      {
        id: 1,
        author: '周**（居民）',
        body: '支持',
        hidden: false,
        hiddenReason: null,
        createdAt: '2026-12-01T03:00:00.000Z',
      },
      {
        id: 2,
        author: '王*（居民）',
        body: null,
        hidden: true,
        hiddenReason: '与议题无关的广告',
        createdAt: '2026-12-01T04:00:00.000Z',
      },
    ],
  },
});

/** Set: the published list was altered after the close (my 同意 turned into 不同意). */
let tampered = false;
const answer = (req: WxRequest) => {
  const p = new URL(req.url).pathname;
  if (p === '/api/site') return { statusCode: 200, data: { hotline: '96345', appName: '民政服务', areas: [] } };
  if (p === '/api/auth/login')
    return {
      statusCode: 200,
      data: {
        token: 't1',
        expiresAt: '2099-01-01T00:00:00Z',
        user: {
          id: 1,
          openidMasked: 'o***',
          name: '罗*',
          idNumber: null,
          phone: null,
          realNamed: true,
          phoneBound: false,
        },
      },
    };
  const m = p.match(/^\/api\/community\/proposals\/(\d+)(\/[a-z-]+)?$/);
  if (m) {
    const id = Number(m[1]);
    if (!m[2]) return { statusCode: 200, data: proposal(id) };
    if (m[2] === '/my-ballot')
      return { statusCode: 200, data: { isResident: true, ballot: { receipt: MINE, option: 0 } } };
    if (m[2] === '/receipts') {
      const receipts = tampered ? RECEIPTS.map((r) => (r.receipt === MINE ? { ...r, option: 1 } : r)) : RECEIPTS;
      return { statusCode: 200, data: { receipts, receiptsHash: HASH, total: 3 } };
    }
  }
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
};

/**
 * The compiled 议事协商 result page as WeChat runs it (miniprogram-simulate): the published
 * counts per option, the sha256 of the receipt list, my receipt, hidden comments shown with
 * their reason; and 核对结果 recounting the receipt list on the phone — it agrees for an honest
 * list and says so, and, asked again once the list was altered after the close, says which check fails.
 */
describe('compiled weapp 议事协商 result page in miniprogram-simulate', function () {
  this.timeout(180_000);
  let mp: LoadedApp;

  before(() => {
    ensureWeappBuild();
    if (!fs.existsSync(path.join(DIST_DIR, `${ROUTE}.wxml`)))
      execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
    mp = loadCompiledApp(answer);
  });
  after(() => {
    mp.wx.navigateTo.length = 0;
    tampered = false;
  });

  let page: any;
  before(async () => {
    page = mp.renderPage(ROUTE, { id: '7' });
    await waitFor(() => page.querySelector('.cm-result-line'), 'the result');
  });
  const lines = (page: any, selector: string) => page.querySelectorAll(selector).map(text);
  async function recount(page: any) {
    const button = page.querySelectorAll('.nut-button').find((n: any) => text(n) === '核对结果');
    assert.ok(button, '核对结果');
    button.dispatchEvent('tap');
    return waitFor(() => {
      const ok = [...lines(page, '.cm-ok'), ...lines(page, '.cm-warn')].filter((t) => /^[✓✗]/.test(t));
      return ok.length === 3 && ok.every((t) => t.startsWith(tampered ? '✗' : '✓')) && ok;
    }, 'the recount');
  }

  it('shows the counts, the published hash, my receipt and a hidden comment’s reason', async () => {
    assert.deepEqual(lines(page, '.cm-result-line'), ['同意：2票（67%）', '不同意：1票（33%）', '弃权：0票（0%）']);
    const codes = lines(page, '.cm-code');
    assert.ok(codes.includes(HASH), codes.join('|'));
    assert.ok(codes.includes(MINE), 'my receipt');
    assert.ok(lines(page, '.cm-line').includes('您的选择：同意'));
    assert.ok(lines(page, '.cm-hint').includes('（该意见已被隐藏：与议题无关的广告）'));
    assert.ok(!lines(page, '.cm-body').includes('null'));
  });

  it('recounts an honest receipt list on the phone: counts, hash and my receipt agree', async () => {
    assert.deepEqual(await recount(page), [
      '✓ 按回执清单逐张计票：同意2票，不同意1票，弃权0票，与公布的票数一致',
      '✓ 在本机计算的回执清单哈希与公布值一致',
      '✓ 您的回执在清单中，记为「同意」',
    ]);
  });

  it('says which check fails when the list was altered after the close', async () => {
    tampered = true;
    const found = await recount(page);
    assert.deepEqual(found, [
      '✗ 按回执清单计票与公布的票数不一致，请联系村/居委会或乡镇/街道',
      '✗ 回执清单哈希与公布值不一致，请联系村/居委会或乡镇/街道',
      '✗ 清单中没有找到您的回执，请联系村/居委会或乡镇/街道',
    ]);
  });
});
