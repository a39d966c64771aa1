#!/usr/bin/env node
// `npm test`: every suite, in order, on whatever DATABASE_URL / REDIS_URL say (embedded
// default when unset). Builds the mini-program first when its output is older than its
// sources, since the weapp and H5 suites test the compiled output. Ends with one line
// "N passed, N failed" over all suites.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
  const sources = Math.max(newest(path.join(mp, 'src')), newest(path.join(mp, 'config')));
  return fs.statSync(out).mtimeMs < sources;
}

for (const [target, dir, marker] of [['build:weapp', 'dist', 'app.json'], ['build:h5', 'dist-h5', 'index.html']]) {
  if (!stale(dir, marker)) continue;
  console.log(`\n> npm run ${target} -w miniprogram (output missing or older than sources)`);
  const r = spawnSync('npm', ['run', target, '-w', 'miniprogram'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Type errors fail the run before any suite: tsx runs TypeScript without checking it.
for (const ws of ['server', 'miniprogram']) {
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
  { name: 'cross-cutting (weapp, H5 in Chromium, multi-process)', cwd: root, args: ['--config', path.join(root, 'test', '.mocharc.cjs')] },
];

let passed = 0;
let failed = 0;
let pending = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const code = await new Promise((resolve) => {
    const child = spawn(mocha, suite.args, { cwd: suite.cwd, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.on('close', (c) => {
      passed += Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
      failed += Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
      pending += Number(/(\d+) pending/.exec(out)?.[1] ?? 0);
      resolve(c);
    });
  });
  if (code !== 0 && !failed) failed++; // a suite that crashed before reporting still fails
}
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed ? 1 : 0);
