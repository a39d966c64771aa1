#!/usr/bin/env node
// `npm test`: every suite, in order, on whatever DATABASE_URL / REDIS_URL say (embedded
// default when unset). Builds the mini-program and the staff console first when their output
// is older than their sources, since the weapp, H5 and console suites test the compiled output. Ends with one line
// "N passed, N failed" over all suites, summed from mocha's own counts (scripts/mocha-reporter.cjs).
// Formatting and lint (Biome) and type errors fail the run before any suite.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mp = path.join(root, 'miniprogram');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
function stale(outDir, marker) {
  const out = path.join(mp, outDir, marker);
  if (!fs.existsSync(out)) return true;
  // The contracts workspace is compiled into both builds.
  const sources = Math.max(
    newest(path.join(mp, 'src')),
    newest(path.join(mp, 'config')),
    newest(path.join(root, 'contracts', 'src')),
  );
  return fs.statSync(out).mtimeMs < sources;
}
const consoleDir = path.join(root, 'console');
function consoleStale() {
  const out = path.join(consoleDir, 'dist', 'index.html');
  if (!fs.existsSync(out)) return true;
  const sources = Math.max(
    newest(path.join(consoleDir, 'src')),
    newest(path.join(consoleDir, 'public')),
    newest(path.join(root, 'contracts', 'src')),
    ...['index.html', 'vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(consoleDir, f)).mtimeMs),
  );
  return fs.statSync(out).mtimeMs < sources;
}

for (const [target, dir, marker] of [
  ['build:weapp', 'dist', 'app.json'],
  ['build:h5', 'dist-h5', 'index.html'],
]) {
  if (!stale(dir, marker)) continue;
  console.log(`\n> npm run ${target} -w miniprogram (output missing or older than sources)`);
  const r = spawnSync('npm', ['run', target, '-w', 'miniprogram'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (consoleStale()) {
  console.log('\n> npm run build -w console (output missing or older than sources)');
  const r = spawnSync('npm', ['run', 'build', '-w', 'console'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Format and lint first: a formatting slip is the cheapest failure to report.
{
  console.log('\n> biome check (format + lint; `npx biome check --write .` fixes most)');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'biome'), ['check', '--diagnostic-level=error', '.'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

// Type errors fail the run before any suite: tsx runs TypeScript without checking it.
for (const ws of ['contracts', 'server', 'miniprogram', 'console']) {
  console.log(`\n> npm run typecheck -w ${ws}`);
  const r = spawnSync('npm', ['run', 'typecheck', '-w', ws], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

const mocha = path.join(root, 'node_modules', '.bin', 'mocha');
const suites = [
  { name: 'server', cwd: path.join(root, 'server'), args: [] },
  { name: 'mini-program pages', cwd: mp, args: [] },
  {
    name: 'cross-cutting (weapp, H5 in Chromium, multi-process)',
    cwd: root,
    args: ['--config', path.join(root, 'test', '.mocharc.cjs')],
  },
];

const reporter = path.join(root, 'scripts', 'mocha-reporter.cjs');
let passed = 0;
let failed = 0;
let pending = 0;
const failedTitles = [];
for (const [i, suite] of suites.entries()) {
  console.log(`\n=== ${suite.name} ===`);
  const statsFile = path.join(os.tmpdir(), `minzheng-test-stats-${process.pid}-${i}.json`);
  fs.rmSync(statsFile, { force: true });
  const code = await new Promise((resolve) => {
    const child = spawn(mocha, [...suite.args, '--reporter', reporter], {
      cwd: suite.cwd,
      env: { ...process.env, MZ_TEST_STATS: statsFile },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', resolve);
  });
  const stats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : undefined;
  fs.rmSync(statsFile, { force: true });
  passed += stats?.passes ?? 0;
  failed += stats?.failures ?? 0;
  pending += stats?.pending ?? 0;
  for (const title of stats?.failed ?? []) failedTitles.push(`${suite.name}: ${title}`);
  // A suite that crashed before its reporter finished, or exited non-zero with no failure
  // counted, still fails the run.
  if (!stats || (code !== 0 && !stats.failures)) {
    failed++;
    failedTitles.push(`${suite.name}: exited ${code} without its counts`);
  }
}
if (failedTitles.length) console.log(`\nFailed:\n${failedTitles.map((t) => `  - ${t}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed ? 1 : 0);
