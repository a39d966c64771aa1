/**
 * One "server process" as far as WeChat tokens go: its own cache connection (the shared Redis)
 * and its own WeChat client, firing CHILD_CALLS concurrent calls when released.
 *   WX_SIM_URL, REDIS_URL, REDIS_PREFIX  where WeChat and Redis are
 *   CHILD_MODE  token: tokens.getToken(mini appid)   phone: mini.getPhoneNumber(code)
 * Prints RESULT {ok, failed, errcodes, tokens: [distinct tokens seen]}.
 */
import readline from 'node:readline';
import { loadConfig } from '../../../config';
import { createCache } from '../../../server/src/platform/cache';
import { createWechat, WechatError } from '../../../server/src/wechat';

async function main() {
  const sim = process.env.WX_SIM_URL!;
  const mode = process.env.CHILD_MODE ?? 'token';
  const n = Number(process.env.CHILD_CALLS ?? 50);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', WECHAT_API_BASE: sim });
  const cache = createCache(process.env.REDIS_URL, process.env.REDIS_PREFIX);
  await cache.ping();
  const wechat = createWechat({ config, cache, apiBase: () => sim });
  const appid = config.wechat.mini.appid;

  // Prepare outside the measured burst: one phone code per call.
  const codes: string[] = [];
  if (mode === 'phone') {
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${sim}/dev/phone-code`, {
        method: 'POST',
        body: JSON.stringify({ phoneNumber: `138${String(i).padStart(8, '0')}` }),
      });
      codes.push(((await res.json()) as { code: string }).code);
    }
  }

  console.log('READY');
  await new Promise<void>((resolve) => {
    readline.createInterface({ input: process.stdin }).on('line', (l) => {
      if (l.trim() === 'GO') resolve();
    });
  });

  const tokens = new Set<string>();
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, async (_, i) => {
      if (mode === 'phone') {
        await wechat.mini.getPhoneNumber(codes[i]);
        tokens.add(await wechat.tokens.getToken(appid));
      } else {
        tokens.add(await wechat.tokens.getToken(appid));
      }
    }),
  );
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  console.log(
    `RESULT ${JSON.stringify({
      ok: outcomes.length - failed.length,
      failed: failed.length,
      errcodes: failed.map((f) => (f.reason instanceof WechatError ? f.reason.errcode : String(f.reason))),
      tokens: [...tokens],
    })}`,
  );
  await cache.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
