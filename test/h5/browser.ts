/**
 * Headless Chromium for the H5 suite (playwright-core + the system's /usr/bin/chromium; never a
 * downloaded browser), with a fresh profile each run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { openContexts } from '../support/failure-evidence';

export const MINIPROGRAM_DIR = path.resolve(__dirname, '../../miniprogram');
export const H5_DIR = path.join(MINIPROGRAM_DIR, 'dist-h5');
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the H5 app when miniprogram/dist-h5 is missing (about 15 s). */
export function ensureH5Build(): void {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return;
  execFileSync('npm', ['run', 'build:h5'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A phone-sized browser with a fresh --user-data-dir; `desktop` for the staff console's 1280×800. */
export async function openBrowser(options: { desktop?: boolean } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-microhei`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-h5-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    ...(options.desktop
      ? // The console honours prefers-reduced-motion (no Ant Design animations): a click never
        // lands on a modal still opening, which a loaded machine otherwise loses now and then.
        { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce' as const }
      : { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
    locale: 'zh-CN',
  });
  openContexts.add(context);
  return {
    context,
    async close() {
      openContexts.delete(context);
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
