// Mocha's spec reporter, plus the run's own counts (mocha's runner.stats) and the failed tests
// (title, file, first error line, what a browser wait was waiting for, and what the page showed
// when a browser story failed: test/support/failure-evidence.ts) written as JSON to MZ_TEST_STATS
// when set, so `npm test` sums the suites from the runners, not from their text, and repeats the
// failures in its last lines (CI keeps only the tail of a long run).
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

function describe(test, err) {
  const where = test.file ? ` [${path.relative(process.cwd(), test.file)}]` : '';
  const lines = String(err?.message ?? err).split('\n');
  const waiting = lines.find((l) => l.includes('waiting for'));
  const parts = [lines[0], waiting, err?.evidence].filter(Boolean).map((s) =>
    s
      .replace(/\u001b\[\d+m/g, '')
      .trim()
      .slice(0, 400),
  );
  return `${test.fullTitle()}${where}: ${parts.join(' | ')}`;
}

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => failures.push([test, err]));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.MZ_TEST_STATS;
      if (!file) return;
      const { passes, failures: count, pending, tests, suites } = runner.stats;
      const failed = failures.map(([test, err]) => describe(test, err));
      fs.writeFileSync(file, JSON.stringify({ passes, failures: count, pending, tests, suites, failed }));
    });
  }
}

module.exports = SpecWithStats;
