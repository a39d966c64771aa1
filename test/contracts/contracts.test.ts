import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGES, pageLink, SERVICE_AREAS } from '@minzheng/contracts';

/**
 * @minzheng/contracts is what the server, the mini-program and the console share. A field
 * renamed in it breaks the build of the clients (and of the server, whose zod schema is held to
 * it), not a citizen's page: shown here by typechecking against a temporary copy of the
 * contracts with one field renamed. The page paths the server links to are pages the
 * mini-program has.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** A copy of contracts/src under a temporary folder, changed by `edit`. */
function contractsCopy(edit: (file: string, text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-contracts-'));
  fs.mkdirSync(path.join(dir, 'src'));
  for (const f of fs.readdirSync(path.join(ROOT, 'contracts', 'src'))) {
    const text = fs.readFileSync(path.join(ROOT, 'contracts', 'src', f), 'utf8');
    fs.writeFileSync(path.join(dir, 'src', f), edit(f, text));
  }
  return dir;
}

/** Typechecks a workspace as its own tsconfig says, with @minzheng/contracts taken from `contracts`. */
function typecheck(workspace: 'miniprogram' | 'server', contracts: string, paths: Record<string, string[]> = {}) {
  const config = path.join(contracts, `tsconfig.${workspace}.json`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(ROOT, workspace, 'tsconfig.json'),
      compilerOptions: {
        baseUrl: path.join(ROOT, workspace),
        rootDir: path.parse(ROOT).root, // the copy lives outside the repository
        // Where the workspace's own typecheck finds them: its node_modules first, then the root's.
        typeRoots: [path.join(ROOT, workspace, 'node_modules', '@types'), path.join(ROOT, 'node_modules', '@types')],
        paths: { ...paths, '@minzheng/contracts': [path.join(contracts, 'src', 'index.ts')] },
      },
    }),
  );
  const run = spawnSync(process.execPath, [TSC, '--noEmit', '-p', config], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** BookRequest's `hallId` becomes `hall` (BookingView keeps its own `hallId`). */
const renameBookRequestField = (file: string, text: string) =>
  file === 'bookings.ts' ? text.replace(/(export interface BookRequest \{[^}]*?)\bhallId:/, '$1hall:') : text;

describe('@minzheng/contracts', function () {
  this.timeout(300_000);
  const miniPaths = { '@/*': [path.join(ROOT, 'miniprogram', 'src', '*')] };

  it('the mini-program typechecks against an unchanged copy of the contracts', () => {
    const dir = contractsCopy((_, text) => text);
    try {
      const result = typecheck('miniprogram', dir, miniPaths);
      assert.ok(result.ok, result.output);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a field renamed in the contracts fails the typecheck of the mini-program and of the server', () => {
    const dir = contractsCopy(renameBookRequestField);
    try {
      assert.match(fs.readFileSync(path.join(dir, 'src', 'bookings.ts'), 'utf8'), /BookRequest \{[^}]*\bhall: number/);
      const mini = typecheck('miniprogram', dir, miniPaths);
      assert.equal(mini.ok, false, 'the mini-program still compiled');
      assert.match(mini.output, /hallId/, mini.output);
      assert.match(mini.output, /miniprogram\/src\//, mini.output);
      const server = typecheck('server', dir);
      assert.equal(server.ok, false, 'the server still compiled');
      assert.match(server.output, /src\/modules\/bookings\/schemas\.ts/, server.output);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every page the server links to is a page of the mini-program', () => {
    const appJson = path.join(ROOT, 'miniprogram', 'dist', 'app.json');
    const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as {
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
    };
    const pages = new Set([
      ...app.pages,
      ...(app.subPackages ?? []).flatMap((sp) => sp.pages.map((page) => `${sp.root}/${page}`)),
    ]);
    for (const [key, page] of Object.entries(PAGES)) {
      assert.ok(pages.has(page), `${key}: ${page} is not in the mini-program's app.json`);
      assert.ok(fs.existsSync(path.join(ROOT, 'miniprogram', 'src', `${page}.tsx`)), `${page}.tsx`);
    }
    assert.equal(pageLink('booking', { code: 'AB12CD34' }), '/packages/halls/pages/booking/index?code=AB12CD34');
    assert.equal(pageLink('myBookings'), '/packages/halls/pages/my-bookings/index');
  });

  it('the ten service areas are the ones the mini-program has subpackages for', () => {
    assert.equal(SERVICE_AREAS.length, 10);
    for (const area of SERVICE_AREAS) {
      assert.ok(fs.existsSync(path.join(ROOT, 'miniprogram', 'src', 'packages', area.key)), area.key);
    }
  });
});
