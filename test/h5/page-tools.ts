import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureH5Build, H5_DIR, MINIPROGRAM_DIR } from './browser';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Like ensureH5Build, but also builds again when a source file is newer than dist-h5. */
export function ensureFreshH5Build(): void {
  ensureH5Build();
  const built = fs.statSync(path.join(H5_DIR, 'index.html')).mtimeMs;
  if (newestMtime(path.join(MINIPROGRAM_DIR, 'src')) > built) {
    execFileSync('npm', ['run', 'build:h5'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
  }
}

/** A screenshot of the whole current page, once its slide-in has ended. */
export async function screenshotWholePage(page: Page, file: string) {
  await page.waitForTimeout(500); // let Taro's page slide-in finish
  // Taro's H5 pages scroll inside .taro_page, not the body: grow the window to the page's height
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter(
      (p) => getComputedStyle(p).display !== 'none',
    );
    const current = shown[shown.length - 1];
    return current ? current.scrollHeight : document.body.scrollHeight;
  });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 5000) });
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
}
