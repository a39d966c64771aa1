#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts (default: me). `npm run bench -- --list`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'lib.ts')
  .map((f) => f.slice(0, -3));
const [name = 'me', ...rest] = process.argv.slice(2);
if (name === '--list' || !names.includes(name)) {
  console.log(`benches: ${names.join(', ')}\nusage: npm run bench -- <name> [args]`);
  process.exit(name === '--list' ? 0 : 1);
}
const tsx = path.join(here, '..', 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, [path.join(here, `${name}.ts`), ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
