import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The module boundaries (server/.dependency-cruiser.cjs) hold over server/src, and the check
 * fails when someone breaks one: each rule is shown failing on an import planted in a
 * temporary file inside the real source tree.
 */
const SERVER = path.resolve(__dirname, '..', '..');
// The CLI (its package exports no bin path): node_modules/.bin is hoisted to the repository root.
const DEPCRUISE = path.join(SERVER, '..', 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}
interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: Violation[] };
}

function cruise(...targets: string[]): CruiseResult {
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, ...targets, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--no-cache'],
    { cwd: SERVER, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.ok(run.stdout, `dependency-cruiser printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).join('\n');

/** Module → the modules it imports (through their roots or not). */
function moduleGraph(result: CruiseResult): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
  for (const m of result.modules) {
    const from = moduleOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = moduleOf(d.resolved);
      if (to && to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** A cycle among modules, as a path `a → b → a`, if there is one. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string): string[] | undefined => {
    if (state.get(m) === 'done') return undefined;
    if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
    state.set(m, 'open');
    stack.push(m);
    for (const next of graph.get(m) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(m, 'done');
    return undefined;
  };
  for (const m of graph.keys()) {
    const cycle = visit(m);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Writes a file into server/src for one check and removes it whatever happens. */
function withPlantedFile<T>(relative: string, content: string, check: () => T): T {
  const file = path.join(SERVER, relative);
  assert.ok(!fs.existsSync(file), `${relative} already exists`);
  fs.writeFileSync(file, content);
  try {
    return check();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('Module boundaries (dependency-cruiser)', function () {
  this.timeout(120_000);

  it('server/src keeps every boundary, and modules depend on each other without cycles', () => {
    const result = cruise('src');
    assert.ok(result.modules.length > 100, 'the whole source tree was cruised');
    assert.deepEqual(result.summary.violations, [], describeViolations(result.summary.violations));
    const graph = moduleGraph(result);
    assert.ok(graph.get('bookings')?.has('halls'), 'the module graph was read');
    const cycle = findCycle(graph);
    assert.equal(cycle, undefined, `modules import each other in a cycle: ${cycle?.join(' → ')}`);
  });

  it('fails on a deep import into another module', () => {
    const planted = 'src/modules/bookings/zz-planted-deep-import.ts';
    const result = withPlantedFile(
      planted,
      "import { maskName } from '../identity/id-number';\nexport const planted = maskName('张三');\n",
      () => cruise(planted),
    );
    assert.deepEqual(
      result.summary.violations.map((v) => [v.rule.name, v.from, v.to]),
      [['module-through-root', planted, 'src/modules/identity/id-number.ts']],
    );
  });

  it("accepts the same import through the module's root", () => {
    const planted = 'src/modules/bookings/zz-planted-root-import.ts';
    const result = withPlantedFile(
      planted,
      "import { maskName } from '../identity';\nexport const planted = maskName('张三');\n",
      () => cruise(planted),
    );
    assert.deepEqual(result.summary.violations, []);
  });

  it('fails when the platform imports a module or wechat/', () => {
    const planted = 'src/platform/zz-planted-module-import.ts';
    const result = withPlantedFile(
      planted,
      "import { maskName } from '../modules/identity';\nimport { WechatError } from '../wechat/errors';\nexport const planted = [maskName, WechatError];\n",
      () => cruise(planted),
    );
    assert.deepEqual(result.summary.violations.map((v) => [v.rule.name, v.to]).sort(), [
      ['platform-imports-no-module', 'src/modules/identity/index.ts'],
      ['platform-imports-no-module', 'src/wechat/errors.ts'],
    ]);
  });

  it('fails when anything outside wechat/ imports a WeChat library', () => {
    const planted = 'src/modules/mp/zz-planted-wechat-library.ts';
    const result = withPlantedFile(
      planted,
      "import WechatAPI from 'co-wechat-api';\nexport const planted = WechatAPI;\n",
      () => cruise(planted),
    );
    assert.deepEqual(
      result.summary.violations.map((v) => v.rule.name),
      ['wechat-libraries-only-in-wechat'],
    );
    assert.match(result.summary.violations[0].to, /co-wechat-api/);
  });

  it('fails on a cycle between modules (as when the halls demo imported bookings)', () => {
    const planted = 'src/modules/halls/zz-planted-cycle.ts';
    const result = withPlantedFile(
      planted,
      "import type { BookingsApi } from '../bookings';\nexport type Planted = BookingsApi;\n",
      () => cruise('src'),
    );
    assert.deepEqual(result.summary.violations, [], 'an import through the root is no violation by itself');
    const cycle = findCycle(moduleGraph(result));
    assert.ok(cycle, 'the cycle is found');
    assert.ok(cycle.includes('halls') && cycle.includes('bookings'), cycle.join(' → '));
  });
});
