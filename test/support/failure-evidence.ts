/**
 * What a browser story's pages showed when it failed: a screenshot of each open page under
 * test-artifacts/failed/ and the start of its visible text, printed and kept on the error (the
 * reporter repeats it in the run's last lines). A timeout alone says what was awaited, not what
 * was on screen instead — and a CI run on another machine is read only from its output.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/failed');
export const openContexts = new Set<BrowserContext>();

async function evidence(title: string): Promise<string | undefined> {
  const seen: string[] = [];
  const slug = title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  let n = 0;
  for (const context of openContexts) {
    for (const page of context.pages()) {
      n++;
      try {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, `${slug}-${n}.png`), fullPage: true, timeout: 5000 });
        // An open dialog is what the user looks at: its text first.
        const dialog = page.locator('[role=dialog]:visible').last();
        const shown = (await dialog.count()) ? dialog : page.locator('body');
        const text = (await shown.innerText({ timeout: 5000 })).replace(/\s+/g, ' ').slice(0, 300);
        seen.push(`page ${n} at ${new URL(page.url()).pathname}${new URL(page.url()).hash} showed «${text}»`);
      } catch (err) {
        seen.push(`page ${n}: no evidence (${(err as Error).message.split('\n')[0]})`);
      }
    }
  }
  return seen.length ? seen.join('; ') : undefined;
}

export const mochaHooks = {
  async afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !openContexts.size) return;
    const found = await evidence(test.fullTitle());
    if (!found) return;
    console.log(`      [failure evidence] ${found}`);
    const err = (test as unknown as { err?: { evidence?: string } }).err;
    if (err) err.evidence = found;
  },
};
