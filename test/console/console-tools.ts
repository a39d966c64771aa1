import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../h5/browser';

export const CONSOLE_DIR = path.resolve(__dirname, '../../console');

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the console when console/dist is missing or older than its sources (a few seconds). */
export function ensureConsoleBuild(): void {
  const index = path.join(CONSOLE_DIR, 'dist', 'index.html');
  const sources = Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((f) =>
      newestMtime(path.join(CONSOLE_DIR, f)),
    ),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build'], { cwd: CONSOLE_DIR, stdio: 'inherit' });
}

/** Signs in through the console's own page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/console/signin`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('signin').click();
}

/** A screenshot of the whole page under test-artifacts/console-<name>.png. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.waitForTimeout(300); // let antd's transitions end
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `console-${name}.png`), fullPage: true });
}

export async function json(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return body as Record<string, any>;
}

/**
 * Opens a page from the side menu as a staff member does: the group (when its entries are not
 * shown), then the entry, and checks the address changed to the entry's. A click that lands while
 * the menu is re-rendering (right after sign-in, on a loaded machine) is lost without an error, so
 * the entry is clicked again, at most three times.
 */
export async function navTo(page: Page, item: string, group?: string) {
  const nav = page.getByTestId('nav');
  const heading = group ? nav.getByText(group, { exact: true }) : undefined;
  const link = nav.getByRole('link', { name: item, exact: true });
  await (heading ?? link).waitFor({ timeout: 60_000 });
  for (let attempt = 1; ; attempt++) {
    if (heading && !(await link.isVisible())) {
      await heading.click();
      await link.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
    }
    if (await link.isVisible()) {
      const href = await link.getAttribute('href');
      await link.click();
      const arrived = await page
        .waitForURL((url) => url.pathname === href, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (arrived) return;
    }
    if (attempt === 3) throw new Error(`the menu did not open ${item}`);
  }
}

/**
 * Clicks `target` until `shown` appears, at most three times: a click that lands while a modal is
 * still opening (its animation, on a loaded machine) is lost without an error. A click again
 * that finds the target gone (the first one worked, slowly) is no failure: `shown` decides.
 */
export async function clickUntil(target: Locator, shown: Locator) {
  for (let attempt = 1; ; attempt++) {
    await target.click({ timeout: attempt === 1 ? 30_000 : 5_000 }).catch((err) => {
      if (attempt === 1) throw err;
    });
    const appeared = await shown
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (appeared) return;
    if (attempt === 3) throw new Error('the click never showed what it should');
  }
}
