#!/usr/bin/env node
// `npm start`: build the H5 mini-program and the staff console if they are missing, then run
// the server (which migrates, seeds demo data once in the embedded mode, and serves everything
// on one port).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h5Index = path.join(root, 'miniprogram', 'dist-h5', 'index.html');
const consoleIndex = path.join(root, 'console', 'dist', 'index.html');

if (process.env.SERVE_H5 !== 'false' && !fs.existsSync(h5Index)) {
  console.log('Building the H5 mini-program (first start only)…');
  const r = spawnSync('npm', ['run', 'build:h5', '-w', 'miniprogram'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!fs.existsSync(consoleIndex)) {
  console.log('Building the staff console (first start only)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'console'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [path.join(root, 'server', 'src', 'main.ts')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
