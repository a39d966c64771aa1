import assert from 'node:assert/strict';
import { mpStateOf, type RunningSimulator, startSimulator } from '../../src/wechat/simulator';
import { MINI, MP } from './helpers';

// WeChat's msgids are unique across every send. Test servers started in one process share one
// database, so two simulators that began at the same msgid applied a later server's delivery
// report to an earlier server's row (the notices story "a worker died mid-send" waited forever).
describe('WeChat simulator: msgids are unique across simulators', () => {
  const sims: RunningSimulator[] = [];
  after(async () => {
    for (const s of sims) await s.close();
  });

  it('two simulators in one process never mint the same msgid', async () => {
    for (let i = 0; i < 2; i++) sims.push(await startSimulator({ apps: [MINI, MP] }));
    const [a, b] = sims.map((s) => mpStateOf(s.state));
    const fromA = new Set(Array.from({ length: 200 }, () => a.mintMsgid()));
    const fromB = Array.from({ length: 200 }, () => b.mintMsgid());
    assert.equal(fromA.size, 200);
    assert.deepEqual(
      fromB.filter((m) => fromA.has(m)),
      [],
    );
    for (const m of fromB) assert.ok(BigInt(m) > 2n ** 53n && BigInt(m) < 2n ** 63n, 'an int64 beyond 2^53');
  });
});
