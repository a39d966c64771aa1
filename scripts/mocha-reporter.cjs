// Mocha's spec reporter, plus the run's own counts (mocha's runner.stats) and the failed tests'
// titles and first error line written as JSON to MZ_TEST_STATS when set, so `npm test` sums the
// suites from the runners, not from their text, and repeats the failures in its last lines (CI
// keeps only the tail of a long run).
const fs = require('node:fs');
const Mocha = require('mocha');

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => {
      const where = test.file ? ` [${require('node:path').relative(process.cwd(), test.file)}]` : '';
      const message = String(err?.message ?? err)
        .split('\n')[0]
        .slice(0, 300);
      failed.push(`${test.fullTitle()}${where}: ${message}`);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.MZ_TEST_STATS;
      if (!file) return;
      const { passes, failures, pending, tests, suites } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests, suites, failed }));
    });
  }
}

module.exports = SpecWithStats;
