#!/usr/bin/env node
// Prints what a browser downloads to show the console's first page: index.html's scripts,
// module preloads and style sheets, each gzipped (level 9, as a server would send them).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let js = 0;
let css = 0;
for (const f of new Set(files)) {
  const size = zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  if (f.endsWith('.css')) css += size;
  else js += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${f}`);
}
console.log(
  `first load, gzip: JavaScript ${(js / 1024).toFixed(1)} KB + CSS ${(css / 1024).toFixed(1)} KB = ${((js + css) / 1024).toFixed(1)} KB`,
);
