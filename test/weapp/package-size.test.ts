import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR, ensureWeappBuild } from './simulate-env';

function sizeOf(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    total += entry.isDirectory() ? sizeOf(p, skip) : fs.statSync(p).size;
  }
  return total;
}

describe('compiled weapp package sizes', function () {
  this.timeout(180_000);
  before(ensureWeappBuild);

  it("keeps the main package far below WeChat's 2 MB (budget 1 MB)", () => {
    const packages = path.join(DIST_DIR, 'packages');
    const main = sizeOf(DIST_DIR, (p) => p === packages || p.endsWith('.map'));
    assert.ok(main < 1024 * 1024, `main package is ${(main / 1024).toFixed(0)} KB`);
  });

  it('keeps every subpackage below 2 MB, one for each of the ten areas at least', () => {
    const packages = path.join(DIST_DIR, 'packages');
    const areas = fs.readdirSync(packages);
    for (const area of [
      'elderly',
      'assistance',
      'social-orgs',
      'social-work',
      'volunteer',
      'family-search',
      'community',
      'marriage',
      'funeral',
      'divisions',
    ]) {
      assert.ok(areas.includes(area), `subpackage ${area} is missing`);
    }
    for (const area of areas) {
      const size = sizeOf(path.join(packages, area));
      assert.ok(size < 2 * 1024 * 1024, `${area} is ${(size / 1024).toFixed(0)} KB`);
    }
  });
});
